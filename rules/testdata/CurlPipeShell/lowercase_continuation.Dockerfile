from debian:bookworm-slim as tools
# want "CurlPipeShell"
run apt-get update \
 && curl -fsSL \
      https://example.com/install.sh \
    | sh

from debian:bookworm-slim
# exec form through sh -c
# want "CurlPipeShell"
run ["/bin/sh", "-c", "curl -fsSL https://example.com/install.sh | sh"]
# want "CurlPipeShell"
onbuild run curl -fsSL https://example.com/setup | bash
