# hadolint global ignore=SC2086
FROM debian:bookworm
RUN echo $1
# want "ShellCheck: SC2164"
RUN cd /tmp; echo $1
