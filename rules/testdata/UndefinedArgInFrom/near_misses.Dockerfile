ARG ALPINE_VERSION=3.20
# an ARG without a default is declared
ARG REGISTRY
FROM ${REGISTRY:-docker.io}/alpine:${ALPINE_VERSION}
# predefined platform arguments
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM alpine:3.20-$TARGETARCH
