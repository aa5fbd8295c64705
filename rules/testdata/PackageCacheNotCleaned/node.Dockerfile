FROM node:22-slim
WORKDIR /app
# want "PackageCacheNotCleaned: ^yarn install leaves the yarn cache in the layer; add 'yarn cache clean' in the same RUN$"
RUN yarn install --frozen-lockfile
# bare yarn installs too
# want "PackageCacheNotCleaned: ^yarn leaves"
RUN yarn --production
# want "PackageCacheNotCleaned: ^yarn global add leaves the yarn cache"
RUN yarn global add typescript
RUN yarn --version
# want "PackageCacheNotCleaned: ^npm ci leaves ~/.npm in the layer; add 'npm cache clean --force' in the same RUN$"
RUN npm ci --omit=dev
# want "PackageCacheNotCleaned: ^npm install"
RUN npm install -g pnpm

RUN yarn install --frozen-lockfile && yarn cache clean
RUN yarn install && rm -rf "$(yarn cache dir)"
RUN yarn install && rm -rf /usr/local/share/.cache/yarn
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN --mount=type=cache,target=/root/.cache/yarn yarn install
RUN --mount=type=cache,target=/yarn YARN_CACHE_FOLDER=/yarn yarn install
RUN npm ci && npm cache clean --force
RUN npm ci && rm -rf /root/.npm
RUN --mount=type=cache,target=/root/.npm npm ci
RUN yarn build && npm run test

# the npm finding has no hadolint code: DL3060 does not hide it
# hadolint ignore=DL3060
# want "PackageCacheNotCleaned: ^npm ci"
RUN yarn install && npm ci
