# unnamed stages and lowercase names with digits, dots and dashes
FROM alpine:3.20
FROM alpine:3.20 AS build-1.2_x
# a variable image name does not matter, only the stage name
ARG BASE=alpine
FROM ${BASE} AS base
