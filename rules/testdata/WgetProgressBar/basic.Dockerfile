FROM debian:bookworm
# want "WgetProgressBar: wget logs its progress into the build log"
RUN wget https://example.com/app.tar.gz

RUN wget --progress=dot:giga https://example.com/a && wget -q https://example.com/b \
 && wget -nv https://example.com/c && wget --no-verbose https://example.com/d \
 && wget -qO- https://example.com/e && wget -o /tmp/log https://example.com/f \
 && wget --quiet https://example.com/g && wget -a /tmp/log https://example.com/h

# want "WgetProgressBar"
RUN wget -O /tmp/x https://example.com/x

FROM alpine:3.20
# want "WgetProgressBar"
ONBUILD RUN wget https://example.com/app.tar.gz

# --show-progress brings the bar back
# want "WgetProgressBar"
RUN wget --show-progress https://example.com/app.tar.gz
