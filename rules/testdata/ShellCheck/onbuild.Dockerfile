FROM debian:bookworm
# want "ShellCheck: SC2164"
ONBUILD RUN cd /tmp; make
