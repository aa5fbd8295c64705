# No ignore file: COPY . . sends src/ too, so npm ci reruns on every edit.
FROM node:20-alpine
WORKDIR /app
# want "CopyBeforeDependencyInstall: runs before 'npm ci'"
COPY . .
RUN npm ci
