FROM node:20-alpine
ARG TS=typescript@5.4.5
RUN npm install -g $TS

# hadolint ignore=DL3016
RUN npm install -g typescript

# hadolint ignore=DL3013
# want "NpmPackageNotPinned"
RUN npm install -g typescript
