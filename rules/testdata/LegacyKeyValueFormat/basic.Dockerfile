FROM alpine:3.20
# want "LegacyKeyValueFormat: ENV key value is the legacy form"
ENV APP_HOME /srv/app
# the value runs to the end of the line, spaces included
# want "LegacyKeyValueFormat"
ENV GREETING hello big world
# want "LegacyKeyValueFormat: LABEL key value"
LABEL description "a small image"
# variables keep expanding the same way
# want "LegacyKeyValueFormat"
ENV BIN_DIR $APP_HOME/bin
