# want "SingleStageBuild: ^single-stage build ships the golang toolchain in the final image; build in a stage and copy the output into a small runtime image$"
FROM golang:1.22-bookworm
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server ./cmd/server
EXPOSE 8080
CMD ["server"]
