# syntax=docker/dockerfile:1
# want "SingleStageBuild: ships the build-base toolchain"
FROM alpine:3.20
COPY . /src
RUN <<EOF
set -eux
apk add --no-cache build-base
cd /src
gcc -O2 -o /usr/local/bin/hello hello.c
EOF
ENTRYPOINT ["hello"]
