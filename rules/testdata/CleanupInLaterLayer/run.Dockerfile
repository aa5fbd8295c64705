FROM debian:bookworm-slim
RUN curl -fsSLo /tmp/go.tgz https://go.dev/dl/go1.22.5.linux-amd64.tar.gz
# want "CleanupInLaterLayer: ^rm removes /tmp/go.tgz, which the 'curl' on line 2 downloaded; the bytes stay in that layer, so remove it in the same RUN that adds it$"
RUN tar -C /usr/local -xzf /tmp/go.tgz && rm /tmp/go.tgz
WORKDIR /src
RUN wget https://example.com/tool-1.2.zip
# want "CleanupInLaterLayer: ^rm removes /src/tool-1.2.zip, which the 'wget' on line 6 downloaded"
RUN unzip tool-1.2.zip -d /opt/tool && rm tool-1.2.zip
RUN git clone --depth 1 https://example.com/repo.git /build/repo
# want "CleanupInLaterLayer: ^rm removes /build, which the 'git clone' on line 9 cloned"
RUN make -C /build/repo install && rm -rf /build
