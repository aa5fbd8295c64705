FROM centos:7
# each manager answers to its own code
# hadolint ignore=DL3030
RUN yum install httpd
# hadolint ignore=DL3014
# want "NonInteractiveFlagMissing: yum install"
RUN yum install httpd
# hadolint ignore=DL3030
# want "NonInteractiveFlagMissing: dnf install"
RUN yum install httpd && dnf install httpd
