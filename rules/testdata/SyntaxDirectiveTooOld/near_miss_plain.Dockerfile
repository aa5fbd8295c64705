# no feature that needs BuildKit's newer syntax
FROM alpine:3.20
COPY --chown=1000:1000 app /app
ADD https://example.com/a.tgz /tmp/
RUN echo "<<EOF is just text here"
