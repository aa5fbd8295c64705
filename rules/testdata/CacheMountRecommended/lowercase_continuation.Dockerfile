from golang:1.22 as build
workdir /src
copy . .
# want "CacheMountRecommended: ^'go build'"
run \
    CGO_ENABLED=0 \
    go build \
      -o /out/app \
      ./cmd/app

from python:3.12-slim
# exec form
# want "CacheMountRecommended: ^'pip install'"
run ["pip", "install", "flask"]
