ARG REGISTRY=quay.io
ARG UNKNOWN
# want "UntrustedRegistry: quay.io/prometheus/busybox:latest comes from quay.io, which is not a trusted registry"
FROM quay.io/prometheus/busybox:latest AS a
# want "UntrustedRegistry: alpine:3.20 comes from docker.io"
FROM alpine:3.20 AS b
# want "UntrustedRegistry: quay.io/org/tool:1 comes from quay.io"
FROM ${REGISTRY}/org/tool:1 AS c
FROM registry.example.com/mirror/busybox:1.36 AS d
FROM us.gcr.io/distroless/static AS e
FROM ${UNKNOWN}/x:1 AS f
FROM scratch AS g
FROM d
# want "UntrustedRegistry: nginx:1.27 comes from docker.io"
COPY --from=nginx:1.27 /etc/nginx /etc/nginx
COPY --from=a /bin/busybox /bin/
# want "UntrustedRegistry: ghcr.io/org/cache:1 comes from ghcr.io"
RUN --mount=type=bind,from=ghcr.io/org/cache:1,target=/cache ls /cache
