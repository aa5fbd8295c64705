# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk apk add gcc
RUN <<EOF
echo hi
EOF
COPY --chmod=u+x --exclude=*.md --parents . /src
ADD --checksum=sha256:4c1a3f0b9e2d7c6a5b8f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b https://example.com/a.tgz /tmp/
