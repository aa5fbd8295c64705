FROM alpine:3.20
# want "PackageCacheNotCleaned: ^apk add leaves /var/cache/apk in the layer; add --no-cache$"
RUN apk add curl
# want "PackageCacheNotCleaned: ^apk add leaves"
RUN apk add --update --virtual .build-deps gcc musl-dev
# each add has its own flag
# want "PackageCacheNotCleaned: ^apk add" "PackageCacheNotCleaned: ^apk add"
RUN apk add git && apk add make
# --no-cache would not remove the index apk update stored: one cleanup at the end
# want "PackageCacheNotCleaned: ^apk add leaves /var/cache/apk in the layer; add 'rm -rf /var/cache/apk/\*' in the same RUN$"
RUN apk update && apk add git && apk add make
# want "PackageCacheNotCleaned: ^apk update leaves /var/cache/apk in the layer; add 'rm -rf /var/cache/apk/\*' in the same RUN, or drop it"
RUN apk update && apk add --no-cache git
# want "PackageCacheNotCleaned: ^apk update leaves /var/cache/apk in the layer; install in the same RUN with 'apk add --no-cache' instead$"
RUN apk update
RUN apk update && apk add git && rm -rf /var/cache/apk/*
RUN apk add --no-network --allow-untrusted /tmp/local.apk
# want "PackageCacheNotCleaned: ^apk upgrade"
RUN apk upgrade

RUN apk add --no-cache curl
RUN apk --no-cache add curl
RUN apk add curl && rm -rf /var/cache/apk/*
RUN --mount=type=cache,target=/var/cache/apk apk add curl
RUN --mount=type=cache,target=/etc/apk/cache apk add curl

# removing the cache first does not count
# want "PackageCacheNotCleaned"
RUN rm -rf /var/cache/apk/* && apk add curl
