# syntax = mirror.gcr.io/docker/dockerfile:1.4.3
FROM alpine:3.20
# want "SyntaxDirectiveTooOld: ^ADD --checksum needs Dockerfile syntax 1.6"
ADD --checksum=sha256:4c1a3f0b9e2d7c6a5b8f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b https://example.com/a.tgz /tmp/
