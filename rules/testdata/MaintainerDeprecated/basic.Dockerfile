FROM alpine:3.20
# want "MaintainerDeprecated"
MAINTAINER Jane Doe <jane@example.com>

FROM alpine:3.20 AS other
# quotes, backslashes and $ are escaped so that the label reads back the same
# want "MaintainerDeprecated"
maintainer "Team $NAME" \
    <team@example.com>
