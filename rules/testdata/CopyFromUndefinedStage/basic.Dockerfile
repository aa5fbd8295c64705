FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:bookworm-slim
# want "CopyFromUndefinedStage: --from=biuld names no earlier stage; BuildKit pulls it as the image biuld:latest \(did you mean build\?\)"
COPY --from=biuld /app /app
# want "CopyFromUndefinedStage: --from=assets names stage assets, defined later at line 20"
COPY --from=assets /a /a
# want "CopyFromUndefinedStage: --from=5 names no earlier stage"
COPY --from=5 /a /a

# earlier stages by name (any case) or index, tagged images, variables
COPY --from=build /app /app
COPY --from=BUILD /app /app
COPY --from=0 /app /app
COPY --from=nginx:1.27 /etc/nginx /etc/nginx
COPY --from=ghcr.io/org/tool@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5 /t /t
COPY --from=${BUILDER} /a /a

FROM node:20-alpine AS assets
RUN true
