FROM nginx
# want "WorkdirRelativePath: relative WORKDIR .usr/share/nginx/html."
WORKDIR usr/share/nginx/html
# only the first WORKDIR of a stage is checked
WORKDIR assets

FROM alpine:3.20 AS vars
# an undefined variable expands to nothing
# want "WorkdirRelativePath: relative WORKDIR ..."
WORKDIR $APP_HOME

FROM alpine:3.20 AS defined
ARG APP_DIR=app
# want "WorkdirRelativePath: relative WORKDIR .app."
WORKDIR $APP_DIR
