FROM alpine:3.20
# hadolint ignore=DL3048
LABEL Version=1.0
