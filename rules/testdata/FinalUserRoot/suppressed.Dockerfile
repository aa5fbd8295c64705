FROM debian:bookworm-slim
# hadolint ignore=DL3002
USER root
