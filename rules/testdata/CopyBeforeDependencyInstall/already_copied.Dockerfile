# The manifests were copied first, but the install still runs after the broad copy.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'npm ci' at line 7; move the install above the COPY, right after the manifests copied at line 4$"
COPY . .
RUN npm ci

FROM python:3.12-slim AS two-broad-copies
WORKDIR /app
# one finding per broad copy, each pointing at the first install after it
# want "CopyBeforeDependencyInstall: ^COPY src/ src/ runs before 'pip install' at line 17"
COPY src/ src/
# want "CopyBeforeDependencyInstall: ^COPY tests tests runs before 'pip install' at line 17"
COPY tests tests
RUN echo "no install here"
RUN pip install -r requirements.txt
RUN pip install -r requirements-dev.txt

FROM node:20-slim AS copied-between
WORKDIR /app
# the manifests come after the broad copy: it is the broad copy that should move
# want "CopyBeforeDependencyInstall: ^COPY \./proto/ /build/proto/ runs before 'npm ci' at line 26; move the COPY below the install; the manifests it needs are copied at line 25$"
COPY ./proto/ /build/proto/
COPY web/package.json web/package-lock.json ./
RUN npm ci

FROM node:20-slim AS workdir-mapping
WORKDIR /src/ui
# paths resolve through WORKDIR and the COPY destination back to the context
# want "CopyBeforeDependencyInstall: ^COPY \./ui /src/ui runs before 'yarn install' at line 33; copy ui/package\.json and ui/yarn\.lock first$"
COPY ./ui /src/ui
RUN yarn install --frozen-lockfile

FROM node:20-slim AS cd-mapping
# want "CopyBeforeDependencyInstall: ^COPY \./ui /src/gotify/ui runs before 'yarn install' at line 38; copy ui/package\.json and ui/yarn\.lock first$"
COPY ./ui /src/gotify/ui
RUN (cd /src/gotify/ui && yarn install) && (cd /src/gotify && make build-js)

FROM ruby:3.3 AS gemfile-flag
# want "CopyBeforeDependencyInstall: ^COPY ruby/ /arrow/ruby/ runs before 'bundle install' at line 43; copy ruby/Gemfile and ruby/Gemfile\.lock first$"
COPY ruby/ /arrow/ruby/
RUN bundle install --gemfile /arrow/ruby/Gemfile
