# syntax=docker/dockerfile:1.2@sha256:e2a8561e419ab1ba6b2fe6cbdf49fd92b95912df1cf7d313c3e2230a333fdbcc
FROM alpine:3.20
# a digest pins the old frontend: only a suggested fix
# want "SyntaxDirectiveTooOld: COPY --link"
COPY --link app /app
