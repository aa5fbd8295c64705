# layerlint global ignore=SyntaxDirectiveTooOld built only with buildx 0.17
FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk apk add gcc
