# syntax=docker/dockerfile:1
FROM node:20-slim
WORKDIR /app
# the install reads its manifests through bind mounts, so it needs no COPY:
# it should simply run before the broad one
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'npm ci' at line 11; move the install above the COPY$"
COPY . .
RUN --mount=type=bind,source=package.json,target=package.json \
    --mount=type=bind,source=package-lock.json,target=package-lock.json \
    --mount=type=cache,target=/root/.npm \
    npm ci
RUN npm run build

FROM node:20-slim AS good
WORKDIR /app
RUN --mount=type=bind,source=package.json,target=package.json \
    --mount=type=bind,source=package-lock.json,target=package-lock.json \
    npm ci
COPY . .
