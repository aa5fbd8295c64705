# want "IgnoreFileShadowed: ^shadowed.Dockerfile.dockerignore replaces the context's .dockerignore for this Dockerfile"
FROM alpine
COPY src /src
