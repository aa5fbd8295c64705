FROM opensuse/leap:15.6
# want "PackageCacheNotCleaned: ^zypper install leaves /var/cache/zypp in the layer; add 'zypper clean --all' in the same RUN$"
RUN zypper --non-interactive install curl
# want "PackageCacheNotCleaned: ^zypper in"
RUN zypper -n in curl
RUN zypper -n in curl && zypper clean -a
RUN zypper -n in curl && zypper cc
RUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl
