FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get install -y -o APT::Install-Recommends=false git
RUN apt-get install -y -oAPT::Install-Recommends=0 make
# not installs
RUN apt-get remove -y curl && apt-get purge -y git && apt-get update
RUN echo install apt-get
# aptitude has its own option; apt-cache is a query
RUN apt-cache show install

FROM ubuntu:22.04 AS configured
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/00norecommends
RUN apt-get update && apt-get install -y curl

FROM ubuntu:22.04 AS inline
RUN printf 'APT::Install-Recommends "0";\n' > /etc/apt/apt.conf.d/99 && apt-get install -y curl

FROM configured AS child
# the parent stage configured apt
RUN apt-get install -y wget
