ARG TAG
# layerlint ignore=InvalidDefaultArgInFrom TAG is always passed by the release script
FROM alpine:$TAG
