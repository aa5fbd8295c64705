FROM --platform=$BUILDPLATFORM golang:1.22 AS build
FROM --platform=${TARGETOS}/${TARGETARCH} alpine:3.20 AS parts
FROM alpine:3.20
