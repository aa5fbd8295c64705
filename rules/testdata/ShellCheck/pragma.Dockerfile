FROM debian:bookworm
# want "ShellCheck: SC3010"
RUN [[ -d /tmp ]] && echo yes
# hadolint shell=bash
RUN [[ -d /tmp ]] && echo yes
# hadolint shell=powershell
RUN $x = [[ 1
# a SHELL after the pragma wins
SHELL ["/bin/sh", "-c"]
# want "ShellCheck: SC3010"
RUN [[ -d /tmp ]] && echo yes
