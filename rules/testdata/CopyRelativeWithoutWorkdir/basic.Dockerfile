FROM node:20-alpine AS deps
# want "CopyRelativeWithoutWorkdir: COPY to the relative path './' before any WORKDIR"
COPY package.json package-lock.json ./
# want "CopyRelativeWithoutWorkdir: ADD to the relative path 'app'"
ADD app.tgz app
# absolute paths, Windows paths and variables
COPY a /app/
COPY b C:\\app\\
COPY c $APP_HOME/
WORKDIR /app
COPY . .

# WORKDIR of the parent stage counts
FROM deps AS build
COPY src ./src

FROM alpine:3.20
# want "CopyRelativeWithoutWorkdir"
COPY --from=build /app/dist dist/
WORKDIR /srv
# ONBUILD runs in a child image with its own WORKDIR
ONBUILD COPY . .
