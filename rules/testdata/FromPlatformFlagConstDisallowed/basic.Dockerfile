# want "FromPlatformFlagConstDisallowed: --platform=linux/amd64 pins the stage"
FROM --platform=linux/amd64 node:20 AS build
RUN node --version
# want "FromPlatformFlagConstDisallowed"
FROM --platform=linux/arm64 alpine:3.20
# architecture names are normalized: aarch64 is arm64
# want "FromPlatformFlagConstDisallowed: --platform=linux/aarch64"
FROM --platform=linux/aarch64 alpine:3.20 AS tools
