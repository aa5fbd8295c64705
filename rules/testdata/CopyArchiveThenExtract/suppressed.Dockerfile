FROM debian:bookworm-slim
# hadolint ignore=DL3010
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt
