# syntax=docker/dockerfile:1
FROM alpine:3.20
# want "VolatileArgBeforeExpensiveStep"
ARG BUILD_TIMESTAMP
RUN <<EOF
apk add --no-cache curl
EOF
RUN <<EOF
echo "${BUILD_TIMESTAMP}" > /stamp
EOF
