# using scratch as a base is what it is for
FROM scratch AS base
FROM alpine:3.20 AS scratch-builder
FROM alpine:3.20 AS build-context
