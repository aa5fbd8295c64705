# no build context is known: context rules stay silent
FROM alpine
COPY missing.txt /x/
