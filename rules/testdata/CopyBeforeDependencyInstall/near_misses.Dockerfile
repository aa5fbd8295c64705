# Silent: nothing here reruns an install because of a broad copy of the context.
FROM golang:1.22 AS builder
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM node:20-slim AS assets
WORKDIR /app
RUN npm ci
COPY . .
RUN npm run build

FROM debian:bookworm-slim AS copies-from-stages
# copies from a stage or an image are not the build context
COPY --from=builder /src /src
COPY --from=node:20-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=assets /app/dist/ /srv/www/
# specific files only
COPY docker-entrypoint.sh healthcheck.py /usr/local/bin/
COPY bin/server /usr/local/bin/server
COPY LICENSE Makefile /doc/
# a URL is not the context
ADD https://example.com/tool.tar.gz /tmp/
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

FROM python:3.12-slim AS whole-tree-installs
WORKDIR /app
COPY . .
# these need the whole tree: copying manifests first would not help
RUN pip install --no-cache-dir .
RUN pip install -e ".[dev]"
RUN npm install ./packages/shared
RUN cargo install --path .
RUN mvn -B package dependency:copy-dependencies
RUN ./gradlew build --refresh-dependencies
RUN gem build app.gemspec && gem install ./app-1.0.gem
RUN apt-get install -y ./dist/app.deb
RUN apt-get install -y $(cat apt-packages.txt)
RUN go get -d -v ./...

FROM python:3.12-slim AS bind-whole-context
COPY . /app
# the RUN itself reads the whole context through the mount
RUN --mount=type=bind,target=/ctx pip install -r /ctx/requirements.txt

FROM python:3.12-slim AS unknown-variable
COPY $SRC_DIR /app
RUN pip install -r /app/requirements.txt

FROM python:3.12-slim AS heredoc-source
COPY <<EOF /app/settings.ini
[app]
debug = false
EOF
RUN pip install flask
