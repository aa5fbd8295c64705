FROM debian:bookworm
# hadolint ignore=DL3027
RUN apt install -y curl
# hadolint ignore=DL3008
# want "AptInsteadOfAptGet"
RUN apt install -y curl
