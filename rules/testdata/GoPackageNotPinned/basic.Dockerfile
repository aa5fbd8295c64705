FROM golang:1.22
# want "GoPackageNotPinned: go install of module 'golang.org/x/tools/gopls@latest' without a version"
RUN go install golang.org/x/tools/gopls@latest

# want "GoPackageNotPinned: go get of modules 'github.com/a/b', 'github.com/c/d@upgrade'"
RUN go get github.com/a/b github.com/c/d@upgrade github.com/e/f@v1.2.3

# versions, local packages and the module's own packages
RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1 && go install ./cmd/... && go build -o /app . \
    && go install -ldflags "-s -w" -tags netgo . && go get ./...

# go run: only the package is judged, not the program's arguments
# want "GoPackageNotPinned: go run of module 'github.com/x/gen'"
RUN go run github.com/x/gen github.com/not/a/pkg

RUN go run ./tools/gen github.com/not/a/pkg && go mod download && go run main.go
