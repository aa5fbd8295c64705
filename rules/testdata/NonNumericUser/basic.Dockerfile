FROM node:20-alpine
ARG APP_UID=10001
# want "NonNumericUser: USER node is a name"
USER node
# want "NonNumericUser: USER app"
USER app:app
USER 1000
USER 1000:1000
USER ${APP_UID}
USER $APP_UID:$APP_UID
