FROM node:22-slim
WORKDIR /app
COPY package.json ./
# want "MissingDockerignore: ^COPY \. \. sends \.git \(\d+ B, 2 files\), node_modules \(\d+ B, 1 file\), packages/web/node_modules \(\d+ B, 1 file\) and 1 more into the image; there is no \.dockerignore: create one listing \*\*/\*\.log, \*\*/node_modules, \.git$"
COPY . .

FROM node:22-slim AS other
# want "MissingDockerignore: ^ADD \./ /srv/ sends"
ADD ./ /srv/
# narrow copies are fine
COPY src /app/src
COPY package.json /app/

FROM node:22-slim AS suppressed
# layerlint ignore=MissingDockerignore the CI checkout is shallow and clean
COPY . .
