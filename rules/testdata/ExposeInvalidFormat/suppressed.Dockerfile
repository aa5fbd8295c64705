FROM nginx
# layerlint ignore=ExposeInvalidFormat documents the compose mapping
EXPOSE 8080:80
