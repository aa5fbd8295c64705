# hadolint global ignore=DL1001
FROM debian:bookworm
# hadolint ignore=DL3008
RUN apt-get install -y curl
