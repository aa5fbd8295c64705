FROM alpine:3.20
# layerlint ignore=TlsVerificationDisabled internal mirror with a self-signed certificate
RUN wget --no-check-certificate https://mirror.internal/x
