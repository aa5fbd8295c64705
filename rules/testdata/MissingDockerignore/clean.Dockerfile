# nothing heavy in the context
FROM golang:1.23
COPY . .
