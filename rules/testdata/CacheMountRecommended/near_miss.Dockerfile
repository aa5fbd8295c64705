# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
# a parent directory, or a variable for the home
RUN --mount=type=cache,target=/root/.cache pip install gunicorn
ARG CACHE_ROOT=/root/.cache
RUN --mount=type=cache,target=${CACHE_ROOT}/pip pip install uvicorn
RUN --mount=type=cache,target=$HOME/.cache/pip pip install httpx
# upgrading the installer itself is not worth a mount
RUN pip install --upgrade pip setuptools wheel
RUN python3 -m pip install --no-cache-dir --upgrade pip
# turned off for the whole image on purpose
ENV PIP_NO_CACHE_DIR=1
RUN pip install requests
# not installs
RUN pip --version && yarn --version && go version && npm run build && apt-get clean

FROM alpine:3.20 AS apk
# apk --no-cache keeps nothing: the canonical small install
RUN apk add --no-cache curl

FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS windows
RUN pip install flask
