# syntax=docker/dockerfile:1.4
FROM alpine:3.20
COPY --chmod=755 a /a
# want "SyntaxDirectiveTooOld: ^COPY with a symbolic --chmod mode needs Dockerfile syntax 1.14"
COPY --chmod=u=rwX,go=rX b /b
