FROM nginx
# want "ExposeInvalidFormat: EXPOSE 8080:80 maps a host address or port"
EXPOSE 8080:80
# want "ExposeInvalidFormat: EXPOSE 127.0.0.1:8443:443/tcp"
EXPOSE 127.0.0.1:8443:443/tcp 9000
