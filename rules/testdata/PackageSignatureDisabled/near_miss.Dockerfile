FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
# a local repository built in this RUN carries no signature to check
RUN echo "deb [ trusted=yes ] file:///tmp/repo ./" > /etc/apt/sources.list.d/temp.list
# signed-by is the right way
RUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://repo.example.com/apt stable main" > /etc/apt/sources.list.d/x.list

FROM alpine:3.20 AS alpine
# packages built in an earlier stage and copied in
COPY --from=alpine /out/*.apk /tmp/packages/
RUN apk add --no-cache --allow-untrusted /tmp/packages/*.apk
RUN apk index --allow-untrusted -o /tmp/packages/APKINDEX.tar.gz /tmp/packages/*.apk

FROM fedora:40
# repo_gpgcheck is the metadata check, off by default
RUN printf '[vendor]\nrepo_gpgcheck=0\ngpgcheck=1\n' > /etc/yum.repos.d/vendor.repo
# checking signatures without verifying is not an install
RUN rpm -K --nosignature tool.rpm
