# The official-image pattern: purge with --auto-remove. Silent.
FROM debian:bookworm-slim
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends gcc make libc6-dev wget ca-certificates; \
    wget -O /tmp/src.tar.gz https://example.com/src.tar.gz; \
    tar -xzf /tmp/src.tar.gz -C /usr/src; \
    make -C /usr/src/tool install; \
    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \
    rm -rf /var/lib/apt/lists/* /usr/src/tool /tmp/src.tar.gz
CMD ["tool"]
