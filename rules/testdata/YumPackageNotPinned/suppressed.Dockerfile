FROM centos:7
ARG HTTPD_VERSION=2.4.6
RUN yum install -y httpd-${HTTPD_VERSION}

# hadolint ignore=DL3033
RUN yum install -y httpd

# hadolint ignore=DL3041
# want "YumPackageNotPinned"
RUN yum install -y httpd
