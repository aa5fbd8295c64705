# npm, yarn and pnpm installs after a copy of the whole context
FROM node:20-slim AS npm
WORKDIR /app
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'npm ci' at line 6; copy package\.json and package-lock\.json first$"
COPY . .
RUN npm ci
RUN npm run build

FROM node:20-slim AS yarn
WORKDIR /app
# want "CopyBeforeDependencyInstall: ^COPY \. /app runs before 'yarn install' at line 13; copy package\.json and yarn\.lock first$"
COPY --chown=node:node . /app
RUN yarn install --frozen-lockfile && yarn build

FROM node:20-slim AS pnpm
WORKDIR /app
RUN corepack enable
# want "CopyBeforeDependencyInstall: ^COPY \./ \./ runs before 'pnpm install' at line 21; copy package\.json and pnpm-lock\.yaml first$"
COPY ./ ./
RUN echo building
RUN pnpm install --frozen-lockfile

FROM node:20-slim AS bare-yarn
WORKDIR /app
# a source directory is broad too
# want "CopyBeforeDependencyInstall: ^COPY src/ package\.json yarn\.lock \./ runs before 'yarn' at line 28; copy package\.json and yarn\.lock first$"
COPY src/ package.json yarn.lock ./
RUN yarn

FROM node:20-slim AS tool-then-deps
WORKDIR /app
# the message names the manifest install; the global tool is a related location
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'npm ci' at line 36; copy package\.json and package-lock\.json first$"
COPY . .
RUN npm install -g npm@11
RUN npm ci
