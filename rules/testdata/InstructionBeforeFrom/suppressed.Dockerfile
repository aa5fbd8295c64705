# hadolint ignore=DL3061
ENV A=1
FROM alpine:3.20
