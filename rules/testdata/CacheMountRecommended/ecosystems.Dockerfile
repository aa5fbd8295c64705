FROM node:20-slim AS yarn
# want "CacheMountRecommended: /usr/local/share/.cache/yarn"
RUN yarn install --frozen-lockfile
# want "CacheMountRecommended: /root/.local/share/pnpm/store"
RUN pnpm install --frozen-lockfile

FROM rust:1.79 AS cargo
# want "CacheMountRecommended: /usr/local/cargo/registry and /usr/local/cargo/git"
RUN cargo build --release

FROM maven:3.9-eclipse-temurin-21 AS maven
# want "CacheMountRecommended: /root/.m2/repository"
RUN mvn -B package -DskipTests

FROM gradle:8-jdk21 AS gradle
# want "CacheMountRecommended: /root/.gradle/caches and /root/.gradle/wrapper"
RUN ./gradlew build

FROM ruby:3.3 AS ruby
# want "CacheMountRecommended: /usr/local/bundle/cache"
RUN bundle install

FROM composer:2 AS composer
# want "CacheMountRecommended: /tmp/cache"
RUN composer install --no-dev

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
# want "CacheMountRecommended: /root/.nuget/packages"
RUN dotnet restore
# want "CacheMountRecommended: /root/.nuget/packages"
RUN dotnet publish -c Release -o /out --no-restore /p:UseAppHost=false && dotnet build -c Release

FROM alpine:3.20 AS apk
# want "CacheMountRecommended: /var/cache/apk,sharing=locked"
RUN apk add --update gcc musl-dev

FROM ghcr.io/astral-sh/uv:python3.12-bookworm AS uv
# want "CacheMountRecommended: /root/.cache/uv"
RUN uv sync --frozen --no-cache
