FROM debian:bookworm-slim
# want "PackageSignatureDisabled: ^apt-get --allow-unauthenticated accepts unsigned packages; trust the repository's key instead$"
RUN apt-get update && apt-get install -y --allow-unauthenticated vendor-tool
# want "PackageSignatureDisabled: --force-yes"
RUN apt-get install -y --force-yes vendor-tool
# want "PackageSignatureDisabled: --allow-insecure-repositories"
RUN apt-get update --allow-insecure-repositories
# want "PackageSignatureDisabled: AllowUnauthenticated"
RUN apt-get install -y -o APT::Get::AllowUnauthenticated=true vendor-tool
# want "PackageSignatureDisabled: ^a \[trusted=yes\] source"
RUN echo "deb [trusted=yes] https://repo.example.com/apt stable main" > /etc/apt/sources.list.d/x.list

FROM alpine:3.20 AS alpine
# want "PackageSignatureDisabled: ^apk --allow-untrusted"
RUN apk add --allow-untrusted --repository https://example.com/alpine vendor-tool
# a downloaded package file is not trusted either
# want "PackageSignatureDisabled: ^apk --allow-untrusted"
RUN wget https://example.com/tool.apk && apk add --allow-untrusted tool.apk

FROM fedora:40 AS rpm
# want "PackageSignatureDisabled: ^dnf --nogpgcheck"
RUN dnf install -y --nogpgcheck vendor-tool
# want "PackageSignatureDisabled: ^yum --setopt=gpgcheck=0"
RUN yum install -y --setopt=gpgcheck=0 vendor-tool
# want "PackageSignatureDisabled: ^rpm --nosignature"
RUN rpm -ivh --nosignature https://example.com/tool.rpm
# want "PackageSignatureDisabled: ^rpm --noverify"
RUN rpm -U --noverify tool.rpm
# want "PackageSignatureDisabled: ^gpgcheck=0"
RUN printf '[vendor]\nbaseurl=https://example.com/rpm\ngpgcheck=0\n' > /etc/yum.repos.d/vendor.repo

FROM opensuse/leap:15.6
# want "PackageSignatureDisabled: ^zypper --no-gpg-checks"
RUN zypper --no-gpg-checks install -y vendor-tool
