# The compilers are removed after the build, in the same RUN. Silent.
FROM alpine:3.20
COPY . /src
RUN apk add --no-cache --virtual .build-deps gcc musl-dev make \
 && make -C /src install \
 && apk del .build-deps
CMD ["tool"]

