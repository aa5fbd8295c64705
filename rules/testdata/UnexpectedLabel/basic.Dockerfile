FROM alpine:3.20
# want "UnexpectedLabel: label org.opencontainers.image.licence is not in the label schema"
LABEL org.opencontainers.image.licence=MIT org.opencontainers.image.title=app
LABEL org.opencontainers.image.licenses=MIT
# hadolint ignore=DL3050
LABEL maintainer=me
