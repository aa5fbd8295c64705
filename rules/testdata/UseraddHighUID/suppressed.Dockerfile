FROM debian:bookworm-slim
# hadolint ignore=DL3046
RUN useradd -u 1000000 -m app
