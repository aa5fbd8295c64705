FROM alpine:3.20
# each check answers to its own code
# hadolint ignore=DL3052
LABEL org.opencontainers.image.source=github.com/org/app
# hadolint ignore=DL3052
# want "InvalidLabelValue: not a semantic version"
LABEL org.opencontainers.image.version=latest
