# syntax=docker/dockerfile:1.4
FROM alpine:3.20
RUN --mount=type=secret,id=token cat /run/secrets/token
# want "SyntaxDirectiveTooOld: ^RUN with a secret mount with env= needs Dockerfile syntax 1.10"
RUN --mount=type=secret,id=token,env=TOKEN ./deploy.sh
