FROM alpine
# layerlint ignore=DockerignoreUnmatchedPattern .cache appears after a local test run
COPY . /app
