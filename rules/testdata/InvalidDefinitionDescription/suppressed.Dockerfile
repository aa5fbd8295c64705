FROM alpine:3.20
# layerlint ignore=InvalidDefinitionDescription
ARG VERSION=1
