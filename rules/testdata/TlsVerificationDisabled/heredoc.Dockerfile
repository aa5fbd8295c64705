# syntax=docker/dockerfile:1
FROM python:3.12-slim
# want "TlsVerificationDisabled" "TlsVerificationDisabled"
RUN <<EOF
set -e
export GIT_SSL_NO_VERIFY=1
curl -sk https://example.com/x -o /tmp/x
EOF
