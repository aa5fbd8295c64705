FROM nginx
# want "ExposeProtoCasing: protocol .TCP. in EXPOSE 80/TCP"
EXPOSE 80/TCP
# want "ExposeProtoCasing: protocol .Udp." "ExposeProtoCasing: protocol .SCTP."
EXPOSE 53/Udp 443 9000/SCTP
# variables are expanded first
ARG PROTO=TCP
# want "ExposeProtoCasing"
EXPOSE 8080/${PROTO}
