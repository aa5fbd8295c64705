FROM alpine:3.20
# the ignore file in force is perfile.Dockerfile.dockerignore, beside the
# Dockerfile; it has no final newline, which the fix adds before its line
# want "SecretInContext: ^COPY \. /app puts ..env. into the image; exclude it in perfile\.Dockerfile\.dockerignore$"
COPY . /app
