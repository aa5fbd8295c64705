# The command runs the toolchain itself (tests, go run, dev servers). Silent.
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build ./...
CMD ["go", "test", "./..."]
