FROM python:3.13-slim
WORKDIR /app
# no ignore file: the fix creates .dockerignore; "[" is escaped in the pattern
# want "SecretInContext: ^COPY \. \. puts ..env., ..env\.\[prod\]. and .keys/server\.pem. into the image; exclude them in \.dockerignore$"
COPY . .
