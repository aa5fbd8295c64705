FROM fedora:40
ENV JQ=jq-1.7.1
RUN dnf install -y $JQ

# hadolint ignore=DL3041
RUN dnf install -y httpd

# hadolint ignore=DL3033
# want "DnfPackageNotPinned"
RUN dnf install -y httpd
