FROM alpine:3.20
# quotes in the middle of the value: no rewrite reads back the same
# want "LegacyKeyValueFormat"
ENV MIXED a "b c" d
