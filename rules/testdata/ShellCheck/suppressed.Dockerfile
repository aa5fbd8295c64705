FROM debian:bookworm
# hadolint ignore=SC2164
RUN cd /tmp; make

# layerlint ignore=ShellCheck reason: legacy script
RUN cd /tmp; make

# only the named code is suppressed
# hadolint ignore=SC2086
# want "ShellCheck: SC2164"
RUN cd /tmp; echo $1
