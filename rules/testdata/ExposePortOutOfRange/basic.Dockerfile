FROM nginx:1.27
# want "ExposePortOutOfRange: port 80800 is out of range"
EXPOSE 80 80800/tcp
# want "ExposePortOutOfRange: port 70000"
EXPOSE 60000-70000/udp
EXPOSE 0 65535 8000-8010/tcp ${PORT}
# want "ExposePortOutOfRange"
ONBUILD EXPOSE 99999
