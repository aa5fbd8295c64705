ARG ARCH=arm64
# want "FromPlatformPinned: --platform=linux/amd64 fixes this stage's platform"
FROM --platform=linux/amd64 debian:bookworm-slim AS a
# want "FromPlatformPinned: --platform=linux/\$ARCH"
FROM --platform=linux/$ARCH debian:bookworm-slim AS b
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM --platform=${TARGETPLATFORM} debian:bookworm-slim
FROM debian:bookworm-slim
