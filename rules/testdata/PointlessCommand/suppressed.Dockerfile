FROM debian:bookworm
# hadolint ignore=DL3001
RUN service nginx start
