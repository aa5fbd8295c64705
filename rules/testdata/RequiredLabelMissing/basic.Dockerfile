FROM alpine:3.20 AS base
LABEL org.opencontainers.image.title=app \
      org.opencontainers.image.authors=team@example.com

FROM golang:1.22 AS build
LABEL org.opencontainers.image.licenses=MIT

# labels of the stages the image is built on count; those of copied-from stages do not
# want "RequiredLabelMissing: no label org.opencontainers.image.created" "RequiredLabelMissing: no label org.opencontainers.image.licenses" "RequiredLabelMissing: no label org.opencontainers.image.revision" "RequiredLabelMissing: no label org.opencontainers.image.version"
FROM base
COPY --from=build /out/app /app
LABEL org.opencontainers.image.source=https://github.com/org/app
