FROM nginx AS base
WORKDIR /usr/share/nginx
# relative after an absolute one
WORKDIR html

# the absolute WORKDIR of a base stage counts
FROM base AS child
WORKDIR assets

FROM alpine:3.20 AS env
ENV APP_HOME=/srv/app
WORKDIR $APP_HOME
