FROM debian:bookworm-slim
# created and removed in one RUN
RUN curl -fsSLo /tmp/go.tgz https://go.dev/dl/go1.22.5.linux-amd64.tar.gz \
 && tar -C /usr/local -xzf /tmp/go.tgz && rm /tmp/go.tgz
RUN apt-get update && apt-get install -y --no-install-recommends curl && apt-get clean && rm -rf /var/lib/apt/lists/*
# already removed above: nothing left to hide
RUN rm -rf /var/lib/apt/lists/*
# removing part of a copied directory: the part may not come from the COPY
COPY . /app
RUN cd /app && make && rm -rf /app/build
# a file the RUN itself made
RUN echo hi > /tmp/x && rm /tmp/x
# cleanup next to its own install
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
# rm of something nobody added
RUN rm -f /etc/nginx/conf.d/default.conf

FROM debian:bookworm-slim AS builder
COPY big.tgz /tmp/
RUN tar -xzf /tmp/big.tgz -C /out && rm /tmp/big.tgz

FROM debian:bookworm-slim
# the builder stage is not part of the image
COPY --from=builder /out /out
