FROM debian:bookworm
# hadolint ignore=DL3004
RUN sudo apt-get update
