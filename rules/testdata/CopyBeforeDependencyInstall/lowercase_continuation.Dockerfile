from node:20-slim as build
workdir /app
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'npm install' at line 7; copy package\.json and package-lock\.json first$"
copy . .
run apt-get update && \
    apt-get install -y --no-install-recommends python3 make g++ && \
    npm install \
      --omit=dev
run ["npm", "run", "build"]

from node:20-slim
# exec form
# want "CopyBeforeDependencyInstall: ^COPY \. /app runs before 'npm ci' at line 15; copy package\.json and package-lock\.json first$"
copy ["." , "/app"]
run ["npm", "ci", "--prefix", "/app"]
