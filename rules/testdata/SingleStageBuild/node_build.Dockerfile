# want "SingleStageBuild: ^single-stage build ships the node build's devDependencies and sources in the final image"
FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build:prod
CMD ["node", "dist/server.js"]
