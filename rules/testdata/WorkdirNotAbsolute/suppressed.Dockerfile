FROM alpine:3.20
WORKDIR /srv
# hadolint ignore=DL3000
WORKDIR app
