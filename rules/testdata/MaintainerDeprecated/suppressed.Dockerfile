FROM alpine:3.20
# hadolint ignore=DL4000
MAINTAINER Jane Doe
