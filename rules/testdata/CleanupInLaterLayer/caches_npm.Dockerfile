FROM node:20-slim
WORKDIR /app
RUN npm install
# want "CleanupInLaterLayer: ^npm cache empties /root/.npm"
RUN npm cache clean --force
