# syntax=docker/dockerfile:1
FROM debian:bookworm
# want "PackageCacheNotCleaned: ^apt-get install leaves /var/lib/apt/lists in the layer; add 'rm -rf /var/lib/apt/lists/\*' in the same RUN$"
RUN apt-get update && apt-get install -y --no-install-recommends curl

# removed at the end of the RUN
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y git && apt-get clean && rm -rf /var/lib/apt/lists
RUN apt-get update && apt-get install -y git; rm -fr /var/lib/apt/lists/* /tmp/*
RUN apt-get update && apt-get install -y git && rm /var/lib/apt/lists/*_*
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/{apt,dpkg,cache,log}/
RUN apt-get update && apt-get install -y git && apt-get dist-clean

# apt-get clean empties /var/cache/apt/archives, not the lists
# want "PackageCacheNotCleaned: ^apt-get install leaves /var/lib/apt/lists"
RUN apt-get update && apt-get install -y make && apt-get clean

# removing the lists before installing does not count
# want "PackageCacheNotCleaned: ^apt-get install leaves"
RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y make

# a later RUN only hides the lists: the earlier layer keeps them
# want "PackageCacheNotCleaned"
RUN apt-get update && apt-get install -y jq
RUN rm -rf /var/lib/apt/lists/*

# an update alone: the fix belongs to UpdateWithoutInstall
# want "PackageCacheNotCleaned: ^apt-get update leaves /var/lib/apt/lists in the layer; install in the same RUN, then run"
RUN apt-get update
RUN apt-get install -y jq

# installs without an update in this RUN download no lists here
RUN apt-get install -y ca-certificates

# cache and tmpfs mounts keep the lists out of the layer
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y curl
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y curl
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y curl
# a mount over the archives alone leaves the lists
# want "PackageCacheNotCleaned"
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl

# the fix continues the continuation style
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        curl \
        git
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && \
    apt-get install -y --no-install-recommends wget
# two installs after one update: one finding, on the last install
# want "PackageCacheNotCleaned: ^apt install"
RUN apt update && apt install -y curl && apt install -y git
