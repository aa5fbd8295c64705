FROM golang:1.22 AS build
# hadolint ignore=DL3024
FROM node:20 AS build
# check=skip=DuplicateStageName
FROM node:20 AS build
