FROM node:20
COPY . /app
# want "JSONArgsRecommended: CMD in shell form"
CMD node /app/server.js
# want "JSONArgsRecommended: ENTRYPOINT in shell form"
ENTRYPOINT /app/docker-entrypoint.sh --verbose
# shell syntax: no conversion is offered
# want "JSONArgsRecommended"
CMD node /app/server.js --port $PORT

# every stage is checked, not only the last
FROM node:20 AS second
# want "JSONArgsRecommended"
cmd npm start
