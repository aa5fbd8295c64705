FROM nginx
EXPOSE 80 80/tcp 53/udp 9000/sctp 8000-8010/tcp
