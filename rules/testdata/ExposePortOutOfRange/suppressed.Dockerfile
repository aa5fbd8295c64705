FROM nginx:1.27
# hadolint ignore=DL3011
EXPOSE 80800
