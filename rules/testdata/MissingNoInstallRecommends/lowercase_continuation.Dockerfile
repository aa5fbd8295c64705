from debian:bookworm-slim as build
# want "MissingNoInstallRecommends"
run apt-get update \
 && apt-get install -y \
      build-essential \
      pkg-config \
 && rm -rf /var/lib/apt/lists/*

from debian:bookworm-slim
# exec form and ONBUILD
# want "MissingNoInstallRecommends"
run ["apt-get", "install", "-y", "curl"]
# want "MissingNoInstallRecommends"
onbuild run apt-get install -y jq
