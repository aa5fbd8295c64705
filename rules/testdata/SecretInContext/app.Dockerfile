FROM node:22-slim
WORKDIR /app
# want "SecretInContext: ^COPY \. \. puts ..env., ..npmrc. and .deploy/id_rsa. into the image; exclude them in .dockerignore$"
COPY . .
# want "SecretInContext: ^COPY deploy /deploy puts .deploy/id_rsa. into the image; exclude it in .dockerignore$"
COPY deploy /deploy

FROM node:22-slim AS near-misses
# templates, public keys and excluded files are fine
COPY .env.example ./
COPY deploy/id_rsa.pub /root/.ssh/
COPY src ./src

FROM node:22-slim AS suppressed
# layerlint ignore=SecretInContext this stage is never pushed; it only runs the tests
COPY . .
