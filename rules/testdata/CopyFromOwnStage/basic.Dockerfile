FROM golang:1.22 AS build
RUN go build -o /out/app .
# want "CopyFromOwnStage: --from=build names the stage this COPY is in"
COPY --from=build /out/app /usr/local/bin/app
# want "CopyFromOwnStage: --from=0"
COPY --from=0 /out/app /usr/local/bin/app

FROM debian:bookworm-slim AS final
COPY --from=build /out/app /usr/local/bin/app
COPY --from=0 /out/app /usr/local/bin/app
# want "CopyFromOwnStage: --from=Final"
COPY --from=Final /a /b
