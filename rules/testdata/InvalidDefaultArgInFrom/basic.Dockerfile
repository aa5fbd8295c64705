ARG TAG
ARG IMAGE
ARG REGISTRY=docker.io
# want "InvalidDefaultArgInFrom: .* gives .alpine:., which is not a valid image name"
FROM alpine:$TAG
# want "InvalidDefaultArgInFrom: .* gives an empty image name"
FROM ${IMAGE}
# want "InvalidDefaultArgInFrom"
FROM ${REGISTRY}/Library/alpine:3.20
# a constant invalid name is reported too
# want "InvalidDefaultArgInFrom: .REPLACE-ME. is not a valid image name"
FROM REPLACE-ME
