FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
# npm ci installs the dependencies and coverage is test output: the safe fix
# excludes them; a RUN calls git, and dist may be what the image serves, so
# .git and dist are only in the second fix, to review
# want "MissingDockerignore: ^COPY \. \. sends .* create one listing \.git, coverage, dist, node_modules$"
COPY . .
RUN git rev-parse HEAD > /app/VERSION
