# hadolint ignore=DL3049
FROM alpine:3.20
