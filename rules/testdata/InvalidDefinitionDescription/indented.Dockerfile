FROM alpine:3.20
# BuildKit takes the text after the first byte of an indented comment line,
# so its first word is "#"
  # VERSION the release
# want "InvalidDefinitionDescription"
ARG VERSION=1
