# hadolint global ignore=SingleStageBuild
FROM node:20
COPY . .
RUN npm ci && npm run build
CMD ["npm", "start"]
