FROM golang:1.22
ARG GOPLS_VERSION=v0.16.1
RUN go install golang.org/x/tools/gopls@${GOPLS_VERSION}

# hadolint ignore=DL3062
RUN go install golang.org/x/tools/gopls@latest

# hadolint ignore=DL3013
# want "GoPackageNotPinned"
RUN go install golang.org/x/tools/gopls@latest
