FROM debian:bookworm
# hadolint ignore=DL3047
RUN wget https://example.com/app.tar.gz
# hadolint ignore=DL4001
# want "WgetProgressBar"
RUN wget https://example.com/app.tar.gz
