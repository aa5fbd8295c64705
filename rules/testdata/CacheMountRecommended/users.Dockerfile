FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
# want "CacheMountRecommended: ^'npm ci' has no cache mount for /root/.npm"
RUN npm ci
USER node
# another user: the home is a guess and the mount needs uid=
# want "CacheMountRecommended: /home/node/.npm"
RUN npm install lodash
USER 1000
# want "CacheMountRecommended: target=<home>/.npm,uid=1000"
RUN npm install left-pad
USER root
ENV HOME=/home/builder
# want "CacheMountRecommended: /home/builder/.npm"
RUN npm install is-odd
