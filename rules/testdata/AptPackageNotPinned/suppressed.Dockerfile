FROM debian:bookworm
# hadolint ignore=DL3008
RUN apt-get install -y curl

# layerlint ignore=AptPackageNotPinned the mirror drops old versions
RUN apt-get install -y curl

# hadolint ignore=DL3015
# want "AptPackageNotPinned"
RUN apt-get install -y curl
