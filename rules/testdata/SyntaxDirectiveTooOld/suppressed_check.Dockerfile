FROM alpine:3.20
# layerlint ignore=SyntaxDirectiveTooOld
RUN --mount=type=cache,target=/var/cache/apk apk add gcc
