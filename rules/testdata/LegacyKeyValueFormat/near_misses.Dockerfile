FROM alpine:3.20
ENV APP_HOME=/srv/app
ENV A=1 B=2
LABEL description="a small image"
# ARG has no legacy form
ARG VERSION
