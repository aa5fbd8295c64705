FROM node:20-alpine
# want "NpmPackageNotPinned: npm install of packages 'typescript', '@angular/cli' without a version"
RUN npm install -g typescript @angular/cli pnpm@9.1.0

# versions, tags, scoped versions, pinned git, tarballs, folders
RUN npm install -g @angular/cli@17.3.0 serve@latest git+https://github.com/org/repo.git#v1.0 ./local ../pkg.tgz

# the project's package.json and lock file decide
RUN npm install && npm ci && npm install --omit dev --loglevel warn

# want "NpmPackageNotPinned: npm i of package 'nodemon'"
RUN npm i -D nodemon

# want "NpmPackageNotPinned: 'git\+https://github.com/org/repo.git'"
RUN npm install git+https://github.com/org/repo.git

# other npm commands
RUN npm run build && npm config set registry https://r.example.com
