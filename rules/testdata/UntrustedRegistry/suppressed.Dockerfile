# hadolint ignore=DL3026
FROM quay.io/prometheus/busybox:latest
