FROM node:22-slim
WORKDIR /app
# node_modules and server.log are copied on purpose: no fix excludes them
COPY node_modules ./node_modules
COPY server.log /var/log/
# want "MissingDockerignore: ^COPY \. \. sends"
COPY . .
