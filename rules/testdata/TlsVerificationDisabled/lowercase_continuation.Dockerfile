from alpine:3.20 as fetch
# want "TlsVerificationDisabled"
run apk add --no-cache curl \
 && curl -fsSL \
      --insecure \
      -o /tmp/x https://example.com/x

from alpine:3.20
# want "TlsVerificationDisabled"
env GIT_SSL_NO_VERIFY=true \
    OTHER=1
# want "TlsVerificationDisabled"
onbuild run wget --no-check-certificate https://example.com/y
