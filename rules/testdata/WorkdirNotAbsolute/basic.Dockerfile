FROM node:20-alpine AS base
# want "WorkdirNotAbsolute: WORKDIR app is relative; write the absolute path"
WORKDIR app
WORKDIR /srv
# want "WorkdirNotAbsolute: WORKDIR app is relative to /srv; write WORKDIR /srv/app"
WORKDIR app
# want "WorkdirNotAbsolute: WORKDIR ../data is relative to /srv/app; write WORKDIR /srv/data"
WORKDIR ../data
WORKDIR /opt
WORKDIR $APP_HOME
WORKDIR "C:\\app"

# the parent stage's WORKDIR is known
FROM base
# want "WorkdirNotAbsolute: relative to /opt/\$APP_HOME|WORKDIR lib is relative; write the absolute path"
WORKDIR lib
