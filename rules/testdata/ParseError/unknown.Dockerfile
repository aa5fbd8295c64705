FROM alpine
# want "ParseError: unknown instruction"
FORM busybox
RUN echo still checked
