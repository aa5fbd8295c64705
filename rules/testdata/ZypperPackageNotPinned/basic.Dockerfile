FROM opensuse/leap:15.6
# want "ZypperPackageNotPinned: zypper install of packages 'curl', 'git' without a version"
RUN zypper install -y curl git vim=9.1 && zypper clean --all

# versions, ranges and files; -r takes a repository
RUN zypper --non-interactive in -r oss "curl>=8.6" "git<3" /tmp/x.rpm

# want "ZypperPackageNotPinned: zypper in of package 'tar'"
RUN zypper -n in tar

RUN zypper refresh && zypper update -y && zypper remove -y curl
