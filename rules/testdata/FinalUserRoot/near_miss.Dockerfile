FROM alpine:3.20 AS tools
USER root
RUN apk add --no-cache curl

FROM debian:bookworm-slim AS base
USER root

FROM base
COPY --from=tools /usr/bin/curl /usr/bin/curl
RUN apt-get update
USER app:app
