# hadolint global ignore=DL3008
FROM debian:bookworm
RUN apt-get install -y curl
