FROM golang:1.22 AS build
# want "VolatileArgBeforeExpensiveStep: ^ARG GIT_COMMIT changes with every commit or release"
ARG GIT_COMMIT
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -ldflags "-X main.commit=${GIT_COMMIT}" -o /out/app .

FROM debian:bookworm-slim
# a VERSION with a placeholder default is passed at build time
# want "VolatileArgBeforeExpensiveStep: ^ARG VERSION"
ARG VERSION=dev
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/app /usr/local/bin/app
LABEL org.opencontainers.image.version=$VERSION
