FROM --platform=$BUILDPLATFORM golang:1.22 AS build
# the stage name shows the pin is deliberate
FROM --platform=linux/amd64 alpine:3.20 AS build-amd64
FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS windows-tools
FROM --platform=linux/aarch64 alpine:3.20 AS tools-arm64
# not a valid platform: the build fails on it, not this rule
FROM --platform=linux/arm64/v8/extra alpine:3.20 AS broken
