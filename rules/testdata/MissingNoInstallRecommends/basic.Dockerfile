FROM debian:bookworm-slim
# want "MissingNoInstallRecommends: ^apt-get install also installs recommended packages; add --no-install-recommends$"
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*

# options before the subcommand
# want "MissingNoInstallRecommends"
RUN apt-get -y -q install git

# apt, not only apt-get
# want "MissingNoInstallRecommends: ^apt install"
RUN apt update && apt install -y make

# sudo and env wrappers are looked through
# want "MissingNoInstallRecommends" "MissingNoInstallRecommends"
RUN sudo apt-get install -y gcc && env DEBIAN_FRONTEND=noninteractive apt-get install -y g++

# two installs, two findings
# want "MissingNoInstallRecommends" "MissingNoInstallRecommends"
RUN apt-get install -y a && apt-get install -y b
