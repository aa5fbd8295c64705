FROM debian:bookworm-slim
COPY vendor-tool.tar.gz /tmp/
# layerlint ignore=CleanupInLaterLayer the archive is 2 kB
RUN tar -xzf /tmp/vendor-tool.tar.gz -C /opt && rm /tmp/vendor-tool.tar.gz
