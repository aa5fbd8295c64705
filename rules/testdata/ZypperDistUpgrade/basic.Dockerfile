FROM opensuse/leap:15.6
# want "ZypperDistUpgrade: zypper dist-upgrade upgrades the whole distribution"
RUN zypper -n dist-upgrade
# want "ZypperDistUpgrade: zypper dup"
RUN zypper --non-interactive dup --no-recommends
RUN zypper -n patch && zypper -n update && zypper -n in dup-tool
