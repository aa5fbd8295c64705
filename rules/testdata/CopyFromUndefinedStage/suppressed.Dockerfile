FROM debian:bookworm-slim
# hadolint ignore=DL3022
COPY --from=docker /usr/local/bin/docker /usr/local/bin/
# hadolint ignore=DL3023
# want "CopyFromUndefinedStage"
COPY --from=docker /usr/local/bin/docker /usr/local/bin/
