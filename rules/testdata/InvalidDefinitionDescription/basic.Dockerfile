# want "InvalidDefinitionDescription: the comment above stage base"
# a non-descriptive comment
FROM alpine:3.20 AS base

# want "InvalidDefinitionDescription: the comment above ARG VERSION"
# the release to build
ARG VERSION=1

# want "InvalidDefinitionDescription: start it with ..arg_key.."
# several keys
ARG A=1 B=2

# the stage name is compared as BuildKit stores it, lowercased
# want "InvalidDefinitionDescription"
# Build compiles the code
FROM alpine:3.20 AS Build
