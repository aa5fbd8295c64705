FROM centos:7
# want "YumPackageNotPinned: yum install of packages 'httpd', 'python3-pip' without a version"
RUN yum install -y httpd python3-pip mod_ssl-2.4.6-99.el7 && yum clean all

# versions, epochs, files, URLs and groups
RUN yum install -y httpd-2.4.6 openssl-1:1.0.2k-26.el7 /tmp/x.rpm https://example.com/y.rpm @development

# option values are not packages
RUN yum install -y --enablerepo epel --setopt=tsflags=nodocs jq-1.6

# want "YumPackageNotPinned: yum module install of package 'nodejs'"
RUN yum module install -y nodejs

RUN yum module install -y nodejs:20 && yum update -y && yum remove -y httpd

# dnf is another rule
RUN dnf install -y httpd
