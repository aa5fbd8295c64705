ARG ALPINE_VERSION=3.20
# want "UndefinedArgInFrom: .ALPNE_VERSION, which no ARG.*did you mean .ALPINE_VERSION"
FROM alpine:${ALPNE_VERSION}

# an ARG declared inside a stage does not count for FROM
FROM alpine:3.20 AS base
ARG NODE_TAG=20
# want "UndefinedArgInFrom: .NODE_TAG"
FROM node:$NODE_TAG

# the --platform flag is checked too
# want "UndefinedArgInFrom: .TARGETPLATFROM"
FROM --platform=$TARGETPLATFROM alpine:3.20
