# layerlint ignore=ReservedStageName kept for compatibility with old CI targets
FROM alpine:3.20 AS scratch
RUN true
