FROM golang:1.22 AS build
RUN go version

# want "DuplicateStageName: stage name .build. is already used by the stage at line 1"
FROM node:20 AS build
RUN npm --version

# names are compared case-insensitively, as BuildKit lowercases them
# want "DuplicateStageName"
FROM node:20 AS BUILD
RUN true

FROM alpine:3.20
COPY --from=build /x /x
