# layerlint ignore=StageNameCasing the CI scripts print this name
FROM golang:1.22 AS Builder
RUN go version

# BuildKit's own per-instruction form
# check=skip=StageNameCasing
FROM alpine:3.20 AS Final
RUN true
