FROM debian:bookworm-slim
# want "CopyArchiveThenExtract: app.tar.gz is copied into a layer and unpacked at line 4"
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
# the destination names the archive
# want "CopyArchiveThenExtract: data.tar.xz"
COPY build-output /tmp/data.tar.xz
RUN cd /tmp && tar xJf data.tar.xz
# want "CopyArchiveThenExtract: dump.gz"
COPY dump.gz /tmp/
RUN gunzip /tmp/dump.gz

# copied but not unpacked, unpacked something else, zip files, other stages
COPY vendor.tgz /srv/
RUN tar -tzf /srv/vendor.tgz && tar -czf /tmp/out.tgz /srv
COPY app.zip /tmp/
RUN unzip /tmp/app.zip
COPY --from=0 /tmp/app.tar.gz /x/
RUN tar -xzf /x/app.tar.gz

FROM alpine:3.20
RUN tar -xzf /tmp/app.tar.gz
