FROM alpine:3.20
# hadolint ignore=DL3044
ENV A=1 B=$A
