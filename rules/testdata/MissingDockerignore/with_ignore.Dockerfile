# an ignore file exists: ContextBloat reports what it lets through
FROM node:22-slim
COPY . .
