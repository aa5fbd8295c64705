ARG TAG=3.20
ARG IMAGE=alpine
ARG DIGEST=sha256:28bd5fe8b56d1bd048e5babf5b10710ebe0bae67db86916198a6eec434943f8b
FROM alpine:$TAG AS a
FROM ${IMAGE}:${TAG:-latest} AS b
FROM alpine@${DIGEST} AS c
FROM localhost:5000/team/app:1 AS d
FROM ghcr.io/owner/repo:v1.2.3-rc1 AS e
# a stage name is a valid reference
FROM a
FROM scratch
