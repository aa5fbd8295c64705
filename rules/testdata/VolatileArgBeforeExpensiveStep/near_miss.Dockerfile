FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# declared after the expensive steps
ARG GIT_COMMIT
RUN go build -ldflags "-X main.commit=${GIT_COMMIT}" -o /out/app .

FROM golang:1.22 AS broad
ARG GIT_COMMIT
# the whole context is copied first: the download reruns on every commit anyway
COPY . .
RUN go mod download
RUN go build -ldflags "-X main.commit=${GIT_COMMIT}" -o /out/app .

FROM debian:bookworm-slim AS pinned
# a real default is a pinned input, not a per-build value
ARG VERSION=1.4.2
ARG SHA=89ab8ece99292476447ef6a6800d9842bbb60787b9b8a45c103aa61d2f205a97
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/t.tgz https://example.com/tool-${VERSION}.tgz && echo "$SHA  /tmp/t.tgz" | sha512sum -c -

FROM debian:bookworm-slim AS used
ARG BUILD_DATE
# the first RUN uses it: nothing before it is wasted
RUN echo "$BUILD_DATE" > /build-date && apt-get update
RUN apt-get install -y --no-install-recommends curl

FROM debian:bookworm-slim AS script
ARG BUILD_NUMBER
COPY build.sh /
# a script may read the value from its environment
RUN ./build.sh
RUN apt-get update

FROM debian:bookworm-slim AS bust
# a cache-bust argument nobody names exists to rerun the next RUN
ARG CACHEBUST=1
RUN git clone https://example.com/repo.git /src

FROM debian:bookworm-slim AS epoch
ARG SOURCE_DATE_EPOCH
RUN apt-get update

FROM debian:bookworm-slim AS url
# the value selects what to download
ARG build_date
RUN apk update
RUN curl -fsSLO https://example.com/releases/${build_date}/python.tar.zst
