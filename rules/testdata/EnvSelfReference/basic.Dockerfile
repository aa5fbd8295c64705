FROM alpine:3.20
# want "EnvSelfReference: APP_BIN refers to \$APP_HOME, which this same ENV sets"
ENV APP_HOME=/app APP_BIN=$APP_HOME/bin
# want "EnvSelfReference: B refers to \$A"
ENV A=1 \
    B=${A:-x}
ENV PATH_PREFIX=/usr C=$PATH_PREFIXES
# a variable with an earlier value is not reported
ARG VERSION=1
ENV VERSION=2 FULL=app-$VERSION
ENV APP_HOME=/srv APP_BIN=$APP_HOME/bin
# its own earlier value
ENV PATH=/opt/bin:$PATH
