from debian:bookworm-slim as build
# want "PackageSignatureDisabled"
run apt-get update \
 && apt-get install -y \
      --allow-unauthenticated \
      vendor-tool

from debian:bookworm-slim
# want "PackageSignatureDisabled"
onbuild run apt-get install -y --force-yes vendor-tool
