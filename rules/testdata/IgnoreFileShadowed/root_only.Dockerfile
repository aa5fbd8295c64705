# only the context's .dockerignore exists
FROM alpine
COPY src /src
