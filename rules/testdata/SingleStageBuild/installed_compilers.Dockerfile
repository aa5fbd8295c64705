# compilers installed on a general-purpose base, then a build
# want "SingleStageBuild: ^single-stage build ships the build-essential toolchain in the final image"
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./configure && make && make install
CMD ["/usr/local/bin/tool"]
