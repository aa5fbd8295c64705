FROM debian:bookworm-slim
# want "RemoteFetchWithoutChecksum: ^curl downloads https://example.com/tool-1.2.tgz and nothing in this RUN checks its checksum or signature$"
RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool-1.2.tgz && tar -xzf /tmp/tool.tgz -C /usr/local/bin
# want "RemoteFetchWithoutChecksum: ^wget downloads \$\{TOOL_URL\}"
RUN wget -q "${TOOL_URL}" -O /tmp/tool.zip
# streamed into tar: still unverified
# want "RemoteFetchWithoutChecksum: over plain HTTP"
RUN curl -fsSL http://example.com/src.tar.gz | tar -xz -C /usr/src
# two downloads, two findings
# want "RemoteFetchWithoutChecksum" "RemoteFetchWithoutChecksum"
RUN curl -fsSLO https://example.com/a.deb && curl -fsSLO https://example.com/b.deb && dpkg -i a.deb b.deb
