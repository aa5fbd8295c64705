# No CMD or ENTRYPOINT: a builder or CI image whose product is the toolchain. Silent.
FROM golang:1.22
RUN apt-get update && apt-get install -y --no-install-recommends protobuf-compiler && rm -rf /var/lib/apt/lists/*
COPY tools /tools
RUN cd /tools && go build -o /usr/local/bin/ ./...
