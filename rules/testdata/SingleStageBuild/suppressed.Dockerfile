# layerlint ignore=SingleStageBuild the image is only used in CI
FROM golang:1.22
COPY . .
RUN go build -o /app .
CMD ["/app"]
