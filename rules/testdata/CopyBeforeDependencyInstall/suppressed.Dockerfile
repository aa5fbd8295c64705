FROM node:20-slim
WORKDIR /app
# layerlint ignore=CopyBeforeDependencyInstall the context holds only package.json and server.js
COPY . .
RUN npm ci

FROM node:20-slim AS other
# hadolint ignore=CopyBeforeDependencyInstall
COPY . .
RUN npm ci
