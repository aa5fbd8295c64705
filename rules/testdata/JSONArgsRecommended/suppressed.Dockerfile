FROM node:20
# hadolint ignore=DL3025
CMD node server.js
# check=skip=JSONArgsRecommended
ENTRYPOINT exec node server.js
