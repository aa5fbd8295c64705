FROM alpine:3.20
ENV CURL_VERSION=8.9.1-r0
RUN apk add curl=$CURL_VERSION

# hadolint ignore=DL3018
RUN apk add curl

# hadolint ignore=DL3019
# want "ApkPackageNotPinned"
RUN apk add curl
