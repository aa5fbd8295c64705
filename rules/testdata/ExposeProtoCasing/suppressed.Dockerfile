FROM nginx
# check=skip=ExposeProtoCasing
EXPOSE 80/TCP
