FROM debian:bookworm-slim
# chains are left alone: splitting them was deliberate
RUN foo && bar
RUN foobar
RUN foo; bar
RUN foobar
RUN foo && bar
RUN foo; bar
# a command substitution is a second command
RUN echo $(date)
RUN true
# different flags
RUN --mount=type=secret,id=foo /foo.sh
RUN --mount=type=secret,id=bar /bar.sh
RUN --network=none /baz.sh
# another instruction in between
ENV A=1
RUN /a.sh
LABEL x=y
RUN /b.sh
