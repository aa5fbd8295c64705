FROM alpine
# the heredoc below never ends; the COPY above it is still modelled
COPY a b
# want "ParseError: unterminated heredoc"
RUN <<EOF
echo hello
EOF2
