FROM alpine:3.20
# want "SyntaxDirectiveTooOld"
COPY --link a /a
