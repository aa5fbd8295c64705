FROM debian:bookworm-slim
RUN /foo.sh
# want "ConsecutiveRunInstructions: ^RUN follows the single-command RUN on line 2 with the same flags; merge them into one layer$"
RUN /bar.sh
# a third one is reported against the second
# want "ConsecutiveRunInstructions: line 4"
RUN /baz.sh

WORKDIR /src
# comments between the RUNs do not separate them
RUN /one.sh
# a comment
# another comment
# want "ConsecutiveRunInstructions"
RUN /two.sh

WORKDIR /
RUN /alone.sh
