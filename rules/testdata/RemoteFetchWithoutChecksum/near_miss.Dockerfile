FROM debian:bookworm-slim
ARG TOOL_SHA256=4c1a3f0b9e2d7c6a5b8f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b
# verified in the same RUN
RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool-1.2.tgz \
 && echo "${TOOL_SHA256}  /tmp/tool.tgz" | sha256sum -c - \
 && tar -xzf /tmp/tool.tgz -C /usr/local/bin
RUN wget -O /tmp/tool.tgz https://example.com/tool.tgz \
 && wget -O /tmp/tool.tgz.asc https://example.com/tool.tgz.asc \
 && gpg --batch --verify /tmp/tool.tgz.asc /tmp/tool.tgz
RUN curl -fsSLO https://example.com/tool && cosign verify-blob --key cosign.pub --signature tool.sig tool
# signing keys are trusted on first use
RUN curl -fsSL https://download.example.com/linux/debian/gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg
RUN curl -fsSLo /etc/apt/keyrings/example.asc https://download.example.com/linux/debian/gpg
RUN wget -qO - https://example.com/key | apt-key add -
# answers that are only read
RUN VERSION=$(curl -fsSL https://api.example.com/latest) && echo "$VERSION" > /version
RUN curl -fsSL https://api.github.com/repos/x/y/releases/latest | jq -r .tag_name > /tag
RUN curl -fsS -X POST https://hooks.example.com/notify
RUN curl -fsS http://localhost:8080/health
RUN curl --version
# piped into a shell: CurlPipeShell reports it
RUN curl -fsSL https://example.com/install.sh | sh
