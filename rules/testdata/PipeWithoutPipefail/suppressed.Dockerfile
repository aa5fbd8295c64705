FROM debian:bookworm
# hadolint ignore=DL4006
RUN curl -fsSL https://example.com/install.sh | sh

# hadolint ignore=SC2086,DL3003
# want "PipeWithoutPipefail"
RUN cd /tmp && cat $x | sh
