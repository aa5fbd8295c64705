FROM debian:bookworm-slim
WORKDIR /opt/app
# every edit to the sources downloads and unpacks the packages again
# want "CopyBeforeDependencyInstall: ^COPY src/ /opt/app/src/ runs before 'apt-get install' at line 7; move the install above the COPY$"
COPY src/ /opt/app/src/
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*

FROM alpine:3.20 AS apk
# want "CopyBeforeDependencyInstall: ^ADD \. /src runs before 'apk add' at line 13; move the install above the ADD$"
ADD . /src
RUN apk add --no-cache git make

FROM fedora:40 AS dnf
# a wildcard over source files
# want "CopyBeforeDependencyInstall: ^COPY \*\.py /srv/ runs before 'dnf install' at line 19"
COPY *.py /srv/
RUN dnf install -y jq && dnf clean all
CMD ["/bin/sh"]

# Silent below.
FROM debian:bookworm-slim AS support-files
# configuration, scripts and root-filesystem overlays change rarely and often
# feed the RUNs below: system installs after them are not reported
COPY scripts/ /opt/app/scripts/
COPY conf /etc/myapp
COPY rootfs/ /
COPY library-scripts/*.sh /tmp/library-scripts/
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim AS run-uses-copy
COPY . /tmp/setup
# the RUN reads the copied files, so the install cannot simply move up
RUN apt-get update && /tmp/setup/install.sh && apt-get install -y --no-install-recommends jq
