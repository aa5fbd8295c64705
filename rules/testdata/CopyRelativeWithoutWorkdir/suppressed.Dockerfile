FROM alpine:3.20
# hadolint ignore=DL3045
COPY . .
