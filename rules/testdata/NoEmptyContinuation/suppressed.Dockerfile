FROM alpine:3.20
# layerlint ignore=NoEmptyContinuation
RUN apk add --no-cache \

    curl
