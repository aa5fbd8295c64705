ARG V=latest
# want "ImageTagLatest: image 'node:latest' is tagged latest"
FROM node:latest AS build
# a digest pins the image
FROM node:latest@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
FROM node:20-alpine
# no tag is ImageTagMissing's
FROM node
# want "ImageTagLatest: image 'golang:latest' \(golang:\$V\)"
FROM golang:$V
# hadolint ignore=DL3007
FROM python:latest
# hadolint ignore=DL3006
# want "ImageTagLatest"
FROM ruby:latest
