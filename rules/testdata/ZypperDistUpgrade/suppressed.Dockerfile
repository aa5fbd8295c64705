FROM opensuse/tumbleweed
# hadolint ignore=DL3035
RUN zypper -n dup
