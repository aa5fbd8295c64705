FROM python:3.12 AS builder
# only copied from: its layers never reach the image
RUN apt-get update && apt-get install -y build-essential
RUN pip install --prefix=/install -r requirements.txt

FROM python:3.12-slim AS base
# the final stage builds on this one
# want "PackageCacheNotCleaned: ^apt-get install"
RUN apt-get update && apt-get install -y libpq5

FROM node:22 AS unused
# never built for the final image
RUN npm ci

FROM base
COPY --from=builder /install /usr/local
# want "PackageCacheNotCleaned: ^pip install"
RUN pip install gunicorn
