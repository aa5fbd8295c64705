FROM debian:bookworm
# layerlint ignore=UpdateWithoutInstall the next RUN is generated
RUN apt-get update
RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# the rule has no hadolint code, so a hadolint comment does not hide it
# hadolint ignore=DL3009
# want "UpdateWithoutInstall"
RUN apt-get update
RUN apt-get install -y git && rm -rf /var/lib/apt/lists/*
