FROM opensuse/leap:15.6
# hadolint ignore=DL3037
RUN zypper install -y curl

# hadolint ignore=DL3034
# want "ZypperPackageNotPinned"
RUN zypper install -y curl
