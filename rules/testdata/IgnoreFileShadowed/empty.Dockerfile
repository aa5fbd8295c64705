# want "IgnoreFileShadowed: ^empty.Dockerfile.dockerignore is empty: BuildKit's built-in frontend applies no patterns"
FROM alpine
COPY src /src
