FROM alpine:3.20
# want "InvalidLabelKey: label key 'Version' is not in Docker's format: use only lower-case"
LABEL Version=1.0
# want "InvalidLabelKey: start with a lower-case letter" "InvalidLabelKey: end with a lower-case letter or a digit"
LABEL 1abel=x label.=y
# want "InvalidLabelKey: do not repeat" "InvalidLabelKey: reserved|stay out of the namespaces"
LABEL org..example=x com.docker.extension=y
LABEL org.opencontainers.image.source=https://github.com/org/app maintainer="me" a_b/c-d=1
# the legacy form
# want "InvalidLabelKey: 'MAINTAINER'"
LABEL MAINTAINER me
