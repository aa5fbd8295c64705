# hadolint ignore=DL3065
FROM --platform=$TARGETPLATFORM alpine:3.20
