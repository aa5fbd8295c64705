FROM alpine:3.20
# want "SyntaxDirectiveTooOld: ^RUN --mount needs Dockerfile syntax 1.2 or newer and the file has no '# syntax=' directive; add '# syntax=docker/dockerfile:1' so every builder uses a frontend that has it$"
RUN --mount=type=cache,target=/var/cache/apk apk add gcc
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
