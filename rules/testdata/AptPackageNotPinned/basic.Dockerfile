FROM debian:bookworm
# want "AptPackageNotPinned: apt-get install of packages 'curl', 'git' without a version"
RUN apt-get update && apt-get install -y curl git make=4.3-4.1 \
    && rm -rf /var/lib/apt/lists/*

# pinned, a .deb file, a target release and a path
RUN apt-get install -y curl=7.88.1-10+deb12u5 ./pkg.deb nginx/bookworm-backports /tmp/x.deb

# -t takes a value: bookworm-backports is not a package
RUN apt-get install -y -t bookworm-backports git=1:2.43.0-1~bpo12+1

# other subcommands install nothing by name
RUN apt-get update && apt-get upgrade -y && apt-get remove -y curl

# want "AptPackageNotPinned: apt install of package 'curl'"
RUN apt install -y curl

# want "AptPackageNotPinned: 'vim'"
ONBUILD RUN apt-get install -y vim

# want "AptPackageNotPinned: 'jq'"
RUN sudo apt-get -y install jq
