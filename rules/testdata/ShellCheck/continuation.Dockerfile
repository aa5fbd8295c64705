FROM alpine:3.20
# findings map back across continuation lines
# want "ShellCheck: SC2046"
RUN apk add --no-cache curl && \
    chown $(id -u) /tmp && \
    true
