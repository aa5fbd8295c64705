FROM golang:1.22 AS build
HEALTHCHECK CMD true

# want "HealthcheckMissing: the image defines no HEALTHCHECK"
FROM debian:bookworm-slim
COPY --from=build /out/app /app
