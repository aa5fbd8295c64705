FROM nginx
# layerlint ignore=WorkdirRelativePath the nginx image sets WORKDIR /
WORKDIR usr/share/nginx/html
