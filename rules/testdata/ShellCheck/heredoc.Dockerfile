# syntax=docker/dockerfile:1
FROM debian:bookworm
# want "ShellCheck: SC2164"
RUN <<EOF
cd /tmp
make
EOF

# a bash shebang checks the body as bash
RUN <<EOF
#!/bin/bash
[[ -d /tmp ]] && echo yes
EOF

# want "ShellCheck: SC3010"
RUN <<EOF
[[ -d /tmp ]] && echo yes
EOF

# other interpreters are not checked
RUN <<EOF
#!/usr/bin/env python3
print("hello $x")
EOF

# want "ShellCheck: SC2086"
RUN cat <<CONF > /etc/app.conf && echo $1
key=value
CONF
