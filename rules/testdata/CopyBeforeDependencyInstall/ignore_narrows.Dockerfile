# The .dockerignore beside this case sends only package.json and
# package-lock.json, so this COPY . . is a manifest copy: the good pattern.
FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci
