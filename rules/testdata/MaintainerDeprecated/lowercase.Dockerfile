# the LABEL is written in the case most instructions use
from alpine:3.20
run true
# want "MaintainerDeprecated"
MAINTAINER Jane Doe
