FROM nginx:1.27 AS base
HEALTHCHECK NONE

FROM base
COPY site/ /usr/share/nginx/html/
