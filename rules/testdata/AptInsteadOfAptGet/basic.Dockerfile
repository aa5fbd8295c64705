FROM debian:bookworm
# want "AptInsteadOfAptGet: apt update: .* use apt-get update" "AptInsteadOfAptGet: apt install"
RUN apt update && apt install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

# apt upgrade is not apt-get upgrade: no automatic fix
# want "AptInsteadOfAptGet: apt upgrade"
RUN apt upgrade -y

# want "AptInsteadOfAptGet: use apt-cache search"
RUN apt search curl

# want "AptInsteadOfAptGet: apt install"
ONBUILD RUN sudo apt install -y jq

RUN apt-get update && apt-cache policy curl && apt-key list && echo apt
