FROM alpine:3.20
# hadolint ignore=DL3021
COPY a b /c
