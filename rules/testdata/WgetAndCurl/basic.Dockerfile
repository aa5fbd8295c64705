FROM debian:bookworm AS one
RUN curl -fsSLo /tmp/a https://example.com/a
# want "WgetAndCurl: wget is used in a stage that also uses curl \(line 2\)"
RUN wget -q https://example.com/b && curl -fsSLO https://example.com/c
# one finding per stage
RUN wget -q https://example.com/d

# each stage counts on its own
FROM debian:bookworm AS two
RUN wget -q https://example.com/a

FROM debian:bookworm AS three
# want "WgetAndCurl: curl is used"
RUN wget -qO- https://example.com/a > /a && curl -fsSL https://example.com/b > /b

# a tool inside an sh -c string is not counted
FROM alpine:3.20
RUN curl -fsSLO https://example.com/a && sh -c 'wget -q https://example.com/b'
