FROM debian:bookworm
# want "PipeWithoutPipefail: a failure of 'curl' is hidden by the pipe into 'sh'"
RUN curl -fsSL https://example.com/install.sh | sh

# no pipe, or a pipe only inside an sh -c string or exec form
RUN curl -fsSLo /tmp/i.sh https://example.com/install.sh && sh /tmp/i.sh || true
RUN sh -c 'curl -fsSL https://example.com/install.sh | sh'
RUN ["sh", "-c", "curl -fsSL https://example.com/install.sh | sh"]

# the script turns pipefail on first
RUN set -euo pipefail; curl -fsSL https://example.com/install.sh | sh
RUN set -o pipefail && wget -qO- https://example.com/k.asc | gpg --dearmor > /k.gpg

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | bash

# a stage that builds on this one keeps its SHELL
FROM 0 AS child
RUN curl -fsSL https://example.com/install.sh | bash

# a new stage starts with /bin/sh again
FROM alpine:3.20
# want "PipeWithoutPipefail: 'wget' is hidden by the pipe into 'tar'"
RUN wget -qO- https://example.com/x.tgz | tar xz -C /opt
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN wget -qO- https://example.com/x.tgz | tar xz -C /opt

FROM alpine:3.20
SHELL ["/bin/sh", "-c"]
# want "PipeWithoutPipefail"
ONBUILD RUN cat /etc/os-release | grep ID

# echo, printf and yes do not fail: nothing is hidden
FROM alpine:3.20
RUN echo "$SHA256 *app.tgz" | sha256sum -c - && printf 'y\n' | pecl install redis && yes | ./configure
# want "PipeWithoutPipefail: a failure of 'sort' is hidden by the pipe into 'head'"
RUN echo x | sort | head -1
