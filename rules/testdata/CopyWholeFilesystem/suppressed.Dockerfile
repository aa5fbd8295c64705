FROM alpine:3.20 AS a
FROM scratch
# hadolint ignore=DL3067
COPY --from=a / /
