FROM nginx:1.27
# want "AddInsteadOfCopy: ADD copies local files here; use COPY"
ADD nginx.conf /etc/nginx/nginx.conf
# want "AddInsteadOfCopy"
add --chown=101:101 site/ conf.d/default.conf /usr/share/nginx/
# want "AddInsteadOfCopy"
ONBUILD ADD . /app

# URLs, git repositories, archives and variables are ADD's business
ADD https://example.com/app.tar.gz /opt/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.bin /opt/
ADD git@github.com:org/repo.git /src
ADD rootfs.tar.xz /
ADD ${ARCHIVE} /opt/
COPY nginx.conf /etc/nginx/
