FROM golang:1.22 AS build
# a build stage's user does not reach the image
USER root
RUN go build -o /app .

FROM debian:bookworm-slim
USER 1000
COPY --from=build /app /app
USER nobody
RUN true
# want "FinalUserRoot: the image runs as root: this is its last USER;"
USER root
CMD ["/app"]
