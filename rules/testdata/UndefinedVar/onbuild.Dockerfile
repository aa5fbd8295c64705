FROM alpine:3.20 AS base
ONBUILD COPY $ONBUILD_SRC /src/

# the trigger runs at the start of every stage built FROM base; BuildKit
# reports its findings on that FROM
# want "UndefinedVar: .ONBUILD_SRC is not defined"
FROM base AS child
RUN true
