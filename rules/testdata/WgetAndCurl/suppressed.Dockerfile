FROM debian:bookworm
RUN curl -fsSLo /tmp/a https://example.com/a
# hadolint ignore=DL4001
RUN wget -q https://example.com/b
