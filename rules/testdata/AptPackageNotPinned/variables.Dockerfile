FROM debian:bookworm
ARG CURL_VERSION=7.88.1-10+deb12u5
ENV PACKAGES="git=1:2.39.2-1.1 make=4.3-4.1"
ENV UNPINNED="git make"
# versions held in ARG and ENV count as pinned
RUN apt-get install -y curl=${CURL_VERSION} $PACKAGES

# want "AptPackageNotPinned: 'git'"
RUN apt-get install -y $UNPINNED

# unknown values are not judged
ARG EXTRA
RUN apt-get install -y $EXTRA $(cat /tmp/packages)
