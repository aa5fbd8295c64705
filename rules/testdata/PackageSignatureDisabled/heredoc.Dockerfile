# syntax=docker/dockerfile:1
FROM fedora:40
# want "PackageSignatureDisabled: ^gpgcheck=0"
RUN <<EOF
cat > /etc/yum.repos.d/vendor.repo <<'REPO'
[vendor]
baseurl=https://example.com/rpm
gpgcheck=0
REPO
dnf install -y vendor-tool
EOF
