FROM golang:1.22 AS build
# hadolint ignore=DL3023
COPY --from=build /a /b
