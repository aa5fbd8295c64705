# syntax=docker/dockerfile:1
FROM alpine:3.20
COPY <<EOF /etc/setup.sh
echo setting up
EOF
# want "CleanupInLaterLayer: ^rm removes /etc/setup.sh, which the COPY on line 3 added"
RUN <<EOF
sh /etc/setup.sh
rm /etc/setup.sh
EOF
