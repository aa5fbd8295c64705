# syntax=docker/dockerfile:1.2
FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk apk add gcc
# want "SyntaxDirectiveTooOld: ^RUN with a heredoc needs Dockerfile syntax 1.4 or newer, but '# syntax=docker/dockerfile:1.2' pins 1.2; the build fails$"
RUN <<EOF
echo hi
EOF
COPY --link app /app
