FROM alpine:3.20
# want "PackageCacheNotCleaned: ^apk add leaves /var/cache/apk in the layer; add --no-cache$"
RUN apk add curl
# want "PackageCacheNotCleaned: ^apk add leaves"
RUN apk add --update --virtual .build-deps gcc musl-dev
# each add has its own flag
# want "PackageCacheNotCleaned: ^apk add" "PackageCacheNotCleaned: ^apk add"
RUN apk update && apk add git && apk add make
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
