# Installing a published tool is not building the project: the image is a
# tool image, often one that needs go at run time (linters, code generators).
# Silent.
FROM golang:1.22
RUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.59.1
ENTRYPOINT ["golangci-lint"]
