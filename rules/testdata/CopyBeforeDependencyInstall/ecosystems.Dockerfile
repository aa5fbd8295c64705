FROM golang:1.22 AS go
WORKDIR /src
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'go mod download' at line 5; copy go\.mod and go\.sum first$"
COPY . .
RUN go mod download && go build -o /out/app ./cmd/app

FROM ruby:3.3 AS ruby
WORKDIR /app
# want "CopyBeforeDependencyInstall: ^COPY \. \. runs before 'bundle install' at line 11; copy Gemfile and Gemfile\.lock first$"
COPY . .
RUN bundle config set without development && bundle install --jobs 4

FROM composer:2 AS php
# want "CopyBeforeDependencyInstall: ^COPY \. /var/www runs before 'composer install' at line 17; copy composer\.json and composer\.lock first$"
COPY . /var/www
WORKDIR /var/www
RUN composer install --no-dev --optimize-autoloader

FROM rust:1.79 AS rust
WORKDIR /src
# want "CopyBeforeDependencyInstall: 'cargo fetch' at line 23; copy Cargo\.toml and Cargo\.lock first$"
COPY . .
RUN cargo fetch --locked

FROM maven:3.9-eclipse-temurin-21 AS maven
WORKDIR /src
# want "CopyBeforeDependencyInstall: 'mvn dependency:go-offline' at line 29; copy pom\.xml first$"
COPY . .
RUN mvn -B dependency:go-offline

FROM gradle:8-jdk21 AS gradle
WORKDIR /src
# want "CopyBeforeDependencyInstall: 'gradle dependencies' at line 35; copy build\.gradle and settings\.gradle first$"
COPY . .
RUN gradle dependencies --no-daemon

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
WORKDIR /src
# want "CopyBeforeDependencyInstall: 'dotnet restore' at line 41; copy Api/Api\.csproj first$"
COPY . .
RUN dotnet restore Api/Api.csproj

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet-any
WORKDIR /src
# want "CopyBeforeDependencyInstall: 'dotnet restore' at line 47; copy the \*\.csproj files first$"
COPY . .
RUN dotnet restore
