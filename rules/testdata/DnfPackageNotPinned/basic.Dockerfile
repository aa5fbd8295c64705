FROM fedora:40
# want "DnfPackageNotPinned: dnf install of package 'httpd'"
RUN dnf install -y httpd jq-1.7.1 && dnf clean all

# want "DnfPackageNotPinned: microdnf install of package 'shadow-utils'"
RUN microdnf install -y shadow-utils

# want "DnfPackageNotPinned: dnf module install of package 'postgresql'"
RUN dnf module install -y postgresql

RUN dnf module install -y postgresql:16 && dnf install -y @core /tmp/a.rpm python3-3.12.3

# yum is another rule
RUN yum install -y httpd
