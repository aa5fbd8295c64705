# The recommended order: manifests, install, then the rest. All silent.
FROM node:20-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim AS web-glob
WORKDIR /app
COPY package*.json .npmrc ./
COPY .yarn/ ./.yarn/
COPY patches patches
RUN npm ci
COPY . .

FROM python:3.12-slim AS py
WORKDIR /app
COPY requirements*.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "main.py"]

FROM golang:1.22 AS go
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/app .

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
WORKDIR /src
COPY *.sln .
COPY src/Api/*.csproj ./src/Api/
RUN dotnet restore
COPY . .
RUN dotnet publish -c Release -o /out

FROM maven:3.9-eclipse-temurin-21 AS maven
WORKDIR /src
COPY pom.xml mvnw ./
COPY .mvn .mvn
RUN ./mvnw -B dependency:go-offline
COPY src ./src
RUN ./mvnw -B package

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=go /out/app /usr/local/bin/app
COPY . /usr/share/app
CMD ["app"]

# A second install of the same manager after the broad copy installs the
# project itself; its dependencies were installed above. Silent.
FROM python:3.12-slim AS uv-finish
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-install-project
COPY . .
RUN uv sync --frozen

FROM python:3.12-slim AS poetry-finish
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root
COPY src/ ./src/
RUN poetry install --only-root
