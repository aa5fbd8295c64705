ARG BASE=python
ARG TAG=3.12-slim
ARG UNKNOWN
# want "ImageTagMissing: image 'python' \(\$\{BASE\}\) has no tag"
FROM ${BASE}
FROM python:${TAG}
FROM ${BASE}:${TAG}
# unknown values are not judged
FROM ${UNKNOWN}
FROM registry.example.com/${UNKNOWN}
