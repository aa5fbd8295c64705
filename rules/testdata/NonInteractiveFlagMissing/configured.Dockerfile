FROM debian:bookworm
# want "NonInteractiveFlagMissing"
RUN apt-get install curl
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes
RUN apt-get install git
