# per_dockerfile.Dockerfile.dockerignore replaces the context's .dockerignore
FROM alpine
# the root .dockerignore excludes app.js, but it is not used for this Dockerfile
COPY app.js /app/
# want "CopyIgnoredFile: ^.data. is excluded by per_dockerfile.Dockerfile.dockerignore \(line 1: .data.\)"
COPY data /app/data
