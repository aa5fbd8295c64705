FROM debian:bookworm-slim
RUN /download.sh
# hadolint ignore=DL3059
RUN /build.sh
# layerlint ignore=ConsecutiveRunInstructions kept apart for the cache
RUN /test.sh
