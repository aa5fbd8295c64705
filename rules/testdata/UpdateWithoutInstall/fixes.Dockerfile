# syntax=docker/dockerfile:1
FROM debian:bookworm AS merge
# the update moves into the next RUN, which keeps its mount
# want "UpdateWithoutInstall"
RUN apt-get update
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm AS redundant
# the next RUN updates on its own: the update RUN is deleted
# want "UpdateWithoutInstall"
run apt-get update
run apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm AS same-flags
# want "UpdateWithoutInstall"
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y make

FROM debian:bookworm AS own-flags
# the update's mount would be lost: no fix
# want "UpdateWithoutInstall"
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update
RUN apt-get install -y make

FROM debian:bookworm AS offline
# the next RUN has no network: no fix
# want "UpdateWithoutInstall"
RUN apt-get update
RUN --network=none apt-get install -y make

FROM debian:bookworm AS or-list
# `update && a || b` would hide a failed update: the fix is not safe
# want "UpdateWithoutInstall"
RUN apt-get update
RUN apt-get install -y make || echo "make is optional"

FROM debian:bookworm AS two-commands
# the update RUN does more than update: no fix
# want "UpdateWithoutInstall"
RUN echo updating && apt-get update
RUN apt-get install -y make

FROM debian:bookworm AS not-next
# another instruction sits in between: no fix
# want "UpdateWithoutInstall"
RUN apt-get update
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get install -y make

FROM debian:bookworm AS heredoc-next
# want "UpdateWithoutInstall"
RUN apt-get update
RUN <<EOT
apt-get install -y make
EOT

FROM alpine:3.20 AS apk
# want "UpdateWithoutInstall"
RUN apk update
RUN apk add git \
 && git --version

FROM alpine:3.20 AS apk-no-cache
# apk add --no-cache fetches its own index: the update RUN is deleted
# want "UpdateWithoutInstall"
RUN apk update
RUN apk add --no-cache git

FROM alpine:3.20
# want "UpdateWithoutInstall"
RUN apk update
# the next stage starts here: no fix
FROM alpine:3.20
RUN apk add curl
