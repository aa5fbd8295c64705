FROM debian:bookworm
USER app
# want "SudoInRun: sudo in a build step"
RUN sudo apt-get update
# want "SudoInRun"
RUN echo ok && env DEBIAN_FRONTEND=noninteractive /usr/bin/sudo -E apt-get install -y curl
# want "SudoInRun"
ONBUILD RUN sudo make install
# sudo as an argument, or installing it, is not running it
RUN apt-get install -y sudo && echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app
