ARG BASE_TAG=3.20
FROM alpine:${BASE_TAG} AS base
# an ARG without a value is declared: BuildKit does not report it
ARG TOKEN_FILE
COPY ${TOKEN_FILE} /run/
ENV HOME_DIR=/home/app
WORKDIR $HOME_DIR
# predefined platform arguments once declared in the stage
ARG TARGETARCH
ADD https://example.com/tool-${TARGETARCH}.tar.gz /opt/
# shell-form RUN, CMD and ENTRYPOINT are expanded by the shell
RUN echo $UNDEFINED_IN_SHELL
CMD echo $ALSO_SHELL
# variables persist into stages built FROM this one
FROM base AS child
COPY ${TOKEN_FILE} $HOME_DIR/
# PATH comes from the base image
ENV PATH=/opt/bin:$PATH
