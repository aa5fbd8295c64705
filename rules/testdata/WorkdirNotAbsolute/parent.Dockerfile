FROM alpine:3.20 AS base
WORKDIR /usr/src

FROM base
# want "WorkdirNotAbsolute: WORKDIR app is relative to /usr/src; write WORKDIR /usr/src/app"
WORKDIR app
