# escape=\
FROM alpine:3.20
COPY --chmod=755 entrypoint.sh /
# one finding, on the use that needs the newest frontend
# want "SyntaxDirectiveTooOld: ^COPY --exclude needs Dockerfile syntax 1.19"
COPY --exclude=*.md . /src
RUN <<EOF
echo heredoc
EOF
