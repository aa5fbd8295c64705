# hadolint ignore=DL3029
FROM --platform=linux/amd64 debian:bookworm-slim
