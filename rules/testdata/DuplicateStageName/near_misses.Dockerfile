FROM golang:1.22 AS build-api
FROM node:20 AS build-web
# unnamed stages never collide
FROM alpine:3.20
FROM alpine:3.20
