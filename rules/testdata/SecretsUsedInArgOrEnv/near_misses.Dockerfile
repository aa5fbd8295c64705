# ARGs before the first FROM are not checked, as in BuildKit
ARG NPM_TOKEN
FROM alpine:3.20
# allowed words: public, file, version
ARG GPG_KEY_FILE
ENV PUBLIC_KEY=abc
ARG TOKEN_VERSION=2
# the secret word must be a whole _-separated word at the start or the end
ENV KEYBOARD_LAYOUT=us
ENV MONKEY=1
ARG AUTHOR=me
ENV SECRETARY_NAME=x
