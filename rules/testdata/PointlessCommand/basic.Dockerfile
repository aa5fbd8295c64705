FROM debian:bookworm
# want "PointlessCommand: service starts or stops a service that ends with the build step"
RUN service nginx start
# want "PointlessCommand: vim is interactive" "PointlessCommand: ps lists"
RUN vim /etc/motd && ps aux
# want "PointlessCommand: mount"
ONBUILD RUN sudo mount -t tmpfs none /mnt
# installing the tools, or naming them as arguments, is fine
RUN apt-get install -y vim openssh-client procps && which ssh && ssh-keygen -A && echo top
