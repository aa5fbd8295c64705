FROM alpine:3.20
ARG VERSION=1.4.2
LABEL org.opencontainers.image.title=app \
      org.opencontainers.image.source=https://github.com/org/app \
      org.opencontainers.image.version=$VERSION \
      org.opencontainers.image.revision=5e1a0c3 \
      org.opencontainers.image.created=2024-06-01T12:00:00Z \
      org.opencontainers.image.licenses=Apache-2.0 \
      org.opencontainers.image.authors=team@example.com
