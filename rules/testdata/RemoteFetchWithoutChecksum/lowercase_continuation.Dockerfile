from debian:bookworm-slim as fetch
# want "RemoteFetchWithoutChecksum"
run apt-get update \
 && curl -fsSL \
      -o /tmp/x.tgz \
      https://example.com/x.tgz

from alpine:3.20
# want "RemoteFetchWithoutChecksum"
add https://example.com/y.tgz /tmp/
# want "RemoteFetchWithoutChecksum"
onbuild add https://example.com/z.tgz /tmp/
# want "RemoteFetchWithoutChecksum"
onbuild run wget https://example.com/w.tgz
