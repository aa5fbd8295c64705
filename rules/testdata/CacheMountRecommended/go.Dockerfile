FROM golang:1.22 AS build
WORKDIR /src
COPY . .
# one RUN downloads and builds: both caches, safe to mount
# want "CacheMountRecommended: ^'go mod download' has no cache mount for /go/pkg/mod and /root/.cache/go-build; add --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build so rebuilds reuse downloads and build results$"
RUN go mod download && go build -o /out/app ./cmd/app

FROM golang:1.22 AS split
WORKDIR /src
COPY go.mod go.sum ./
# the next RUN reads the modules this one downloads: mounting one alone is not safe
# want "CacheMountRecommended: ^'go mod download'"
RUN go mod download
COPY . .
# want "CacheMountRecommended: ^'go build'"
RUN go build -o /out/app .
