FROM node:20-alpine
# hadolint ignore=DL3066
USER node
