FROM alpine:3.20
# want "ApkPackageNotPinned: apk add of packages 'curl', 'git' without a version"
RUN apk add --no-cache curl git bash=5.2.26-r0

# exact versions, fuzzy versions, ranges and files
RUN apk add --no-cache curl=8.9.1-r0 git~2.45 "openssl>3.3" /tmp/local.apk

# --virtual and -t name a group, not a package
RUN apk add --no-cache --virtual .build-deps gcc~13.2 && apk add -t .rt musl-dev=1.2.5-r0

# -X takes a repository URL
RUN apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing hub=2.14.2-r26

# other subcommands
RUN apk update && apk upgrade && apk del curl

# want "ApkPackageNotPinned: 'tini'"
ONBUILD RUN apk add tini
