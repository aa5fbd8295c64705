FROM debian:bookworm-slim
COPY vendor-tool.tar.gz /tmp/
# want "CleanupInLaterLayer: ^rm removes /tmp/vendor-tool.tar.gz, which the COPY on line 2 added; the bytes stay in that layer, so read it through RUN --mount=type=bind, or use a build stage, instead of copying it$"
RUN tar -xzf /tmp/vendor-tool.tar.gz -C /opt && rm /tmp/vendor-tool.tar.gz

WORKDIR /setup
COPY scripts/ ./scripts/
# relative to WORKDIR
# want "CleanupInLaterLayer: ^rm removes /setup/scripts"
RUN ./scripts/install.sh && rm -rf scripts
# a glob over the copied files
COPY *.deb /pkgs/
# want "CleanupInLaterLayer: ^rm removes /pkgs, which the COPY on line 12"
RUN dpkg -i /pkgs/*.deb && rm -f /pkgs/*
