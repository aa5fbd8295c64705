# want "RedundantTargetPlatform: --platform=.TARGETPLATFORM is what FROM does by default"
FROM --platform=$TARGETPLATFORM alpine:3.20
RUN uname -m
# want "RedundantTargetPlatform"
FROM --platform=${TARGETPLATFORM} alpine:3.20 AS braces
