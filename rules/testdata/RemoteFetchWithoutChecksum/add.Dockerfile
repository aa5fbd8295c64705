# syntax=docker/dockerfile:1
FROM alpine:3.20
# want "RemoteFetchWithoutChecksum: ^ADD downloads https://example.com/app-1.2.tgz without --checksum; any content the server returns is accepted$"
ADD https://example.com/app-1.2.tgz /tmp/
# want "RemoteFetchWithoutChecksum: over plain HTTP"
ADD http://example.com/app.jar /opt/app.jar
# one finding per URL source
# want "RemoteFetchWithoutChecksum" "RemoteFetchWithoutChecksum"
ADD https://example.com/a.bin https://example.com/b.bin /opt/

# pinned content
ADD --checksum=sha256:4c1a3f0b9e2d7c6a5b8f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b https://example.com/app-1.2.tgz /tmp/
# git sources pin a commit in the URL instead
ADD https://github.com/moby/buildkit.git#v0.13.0 /src
# signatures and checksum lists are verification material
ADD https://example.com/app-1.2.tgz.asc /tmp/
ADD https://example.com/SHA256SUMS /tmp/
# local files
ADD app.tgz /opt/
