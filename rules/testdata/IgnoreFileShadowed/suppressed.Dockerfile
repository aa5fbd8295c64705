# layerlint ignore=IgnoreFileShadowed this Dockerfile is built with its own ignore file on purpose
FROM alpine
COPY src /src
