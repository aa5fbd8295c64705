# want "SingleStageBuild: ships the golang toolchain"
from golang:1.22-alpine as app
workdir /src
copy . .
run go mod download && \
    go build \
      -ldflags "-s -w" \
      -o /bin/app .
entrypoint /bin/app --port 8080
