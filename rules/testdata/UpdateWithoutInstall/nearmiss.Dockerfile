FROM debian:bookworm
# update and install in one RUN
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# an upgrade consumes the index too
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
# wrappers and prefixes
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq update \
    && DEBIAN_FRONTEND=noninteractive sudo apt-get -qq install -y git \
    && rm -rf /var/lib/apt/lists/*
# the install runs in a nested shell
RUN sh -c 'apt-get update && apt-get install -y make' && rm -rf /var/lib/apt/lists/*
# the lists are deleted: nothing goes stale, but the update is wasted
# want "UpdateWithoutInstall: ^apt-get update runs without apt-get install in the same RUN and its index is deleted unused$"
RUN apt-get update && rm -rf /var/lib/apt/lists/*
# want "UpdateWithoutInstall: index is deleted unused"
RUN apt-get update && apt-get purge -y imagemagick && apt-get dist-clean
# want "UpdateWithoutInstall: ^yum makecache runs without yum install in the same RUN and its index is deleted unused$"
RUN yum makecache && yum clean all
# a script or a nested shell may install: no finding
RUN apt-get update && /tmp/install-tools.sh
RUN apt-get update && bash -c "$INSTALL"
RUN apt-get update && xargs apt-get install -y < packages.txt
# want "UpdateWithoutInstall: ^apt-get update runs"
RUN apt-get install -y jq && apt-get update
# another manager's install does not use the apt index
# want "UpdateWithoutInstall: ^apt-get update"
RUN apt-get update && pip install requests

FROM alpine:3.20
RUN apk update && apk add --no-cache curl
RUN apk add --update curl
RUN apk --update-cache add git
# yum update is an upgrade, not an index refresh
RUN yum update -y && yum clean all
RUN yum makecache && dnf install -y make && dnf clean all
