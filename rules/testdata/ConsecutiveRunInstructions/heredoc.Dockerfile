# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN echo one
# a heredoc with one command counts as one command
# want "ConsecutiveRunInstructions"
RUN <<EOF
echo two
EOF
# a heredoc with several commands is a deliberate script
RUN <<EOF
echo three
echo four
EOF
RUN echo five
# another interpreter: not counted
RUN <<EOF
#!/usr/bin/env python3
print("six")
EOF
RUN echo seven
