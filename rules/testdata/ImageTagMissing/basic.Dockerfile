# want "ImageTagMissing: image 'ubuntu' has no tag"
FROM ubuntu AS base
RUN echo base

# an earlier stage is not pulled
FROM base AS build
RUN echo build

# tags, digests, registries with ports, scratch
FROM debian:bookworm
FROM alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
FROM localhost:5000/team/app:1.2
FROM scratch

# want "ImageTagMissing: image 'localhost:5000/team/app' has no tag"
FROM localhost:5000/team/app

# latest is ImageTagLatest's
FROM node:latest
