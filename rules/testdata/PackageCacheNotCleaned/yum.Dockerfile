FROM centos:7 AS yum
# want "PackageCacheNotCleaned: ^yum install leaves /var/cache/yum in the layer; add 'yum clean all' in the same RUN$"
RUN yum install -y httpd
# cleaning first does not count
# want "PackageCacheNotCleaned: ^yum install"
RUN yum clean all && yum install -y httpd
# clean packages keeps the metadata
# want "PackageCacheNotCleaned: ^yum install"
RUN yum install -y httpd && yum clean packages
# two installs, one finding on the last, one cleanup fixes both
# want "PackageCacheNotCleaned: ^yum groupinstall"
RUN yum install -y epel-release && yum groupinstall -y "Development Tools"
RUN yum install -y httpd && yum clean all
RUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum
RUN yum install -y httpd && rm -rf /var/cache/yum
RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd
# a cleanup between two installs covers only the first
# want "PackageCacheNotCleaned: ^yum install"
RUN yum install -y a && yum clean all && yum install -y b
