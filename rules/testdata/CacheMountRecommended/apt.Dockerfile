FROM debian:bookworm-slim
# apt's fix needs review: it hides lists and apt's own records of earlier layers
# want "CacheMountRecommended: ^'apt-get update' has no cache mount for /var/cache/apt and /var/lib/apt; add --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked"
RUN apt-get update && apt-get install -y --no-install-recommends curl

FROM debian:bookworm-slim AS mounted
RUN rm -f /etc/apt/apt.conf.d/docker-clean
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends gcc
