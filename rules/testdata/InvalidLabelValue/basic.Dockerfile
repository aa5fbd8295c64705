FROM alpine:3.20
ARG GIT_SHA
ARG BAD_DATE=yesterday
# want "InvalidLabelValue: label org.opencontainers.image.source is 'github.com/org/app', not a URL"
LABEL org.opencontainers.image.source=github.com/org/app
# want "InvalidLabelValue: not an RFC 3339 time"
LABEL org.opencontainers.image.created=$BAD_DATE
# want "InvalidLabelValue: not an SPDX license identifier" "InvalidLabelValue: not a git commit hash" "InvalidLabelValue: not a semantic version" "InvalidLabelValue: not an e-mail address"
LABEL org.opencontainers.image.licenses="Apache 2" \
      org.opencontainers.image.revision=5E1A0C3 \
      org.opencontainers.image.version=v1.4 \
      org.opencontainers.image.authors="Team <team@example.com>"
# want "InvalidLabelValue: label org.opencontainers.image.title is empty"
LABEL org.opencontainers.image.title=""

# valid values, unknown values, labels outside the schema
LABEL org.opencontainers.image.source=https://github.com/org/app \
      org.opencontainers.image.created=2024-06-01T12:00:00+02:00 \
      org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND BSD-3-Clause" \
      org.opencontainers.image.revision=$GIT_SHA \
      org.opencontainers.image.version=1.4.0-rc.1+build.5 \
      org.opencontainers.image.authors=team@example.com \
      org.opencontainers.image.title="My App" \
      other=""
LABEL org.opencontainers.image.revision=5e1a0c3b9d4f2a6e8c0b1d3f5a7c9e2b4d6f8a0c org.opencontainers.image.licenses=GPL-2.0-or-later
