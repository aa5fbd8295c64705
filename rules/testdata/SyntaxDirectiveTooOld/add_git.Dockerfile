# syntax=docker/dockerfile:1.5
FROM alpine:3.20
# want "SyntaxDirectiveTooOld: ^ADD of a git repository needs Dockerfile syntax 1.6"
ADD https://github.com/moby/buildkit.git#v0.13.0 /src
