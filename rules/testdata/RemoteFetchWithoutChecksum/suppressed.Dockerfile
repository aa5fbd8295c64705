FROM alpine:3.20
# layerlint ignore=RemoteFetchWithoutChecksum the nightly build has no stable checksum
ADD https://example.com/nightly.tgz /tmp/
