# syntax=docker/dockerfile:1.3-labs
FROM alpine:3.20
# heredocs were in the 1.3 labs channel
RUN <<EOF
echo hi
EOF
# want "SyntaxDirectiveTooOld: ^COPY --parents needs Dockerfile syntax 1.7 or newer"
COPY --parents ./src/*/go.mod /app/
