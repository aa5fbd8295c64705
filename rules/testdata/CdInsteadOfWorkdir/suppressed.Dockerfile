FROM alpine:3.20
# hadolint ignore=DL3003
RUN cd /tmp && ls
# layerlint ignore=CdInsteadOfWorkdir temporary directory
RUN cd /tmp && ls
# hadolint ignore=DL3004
# want "CdInsteadOfWorkdir"
RUN cd /tmp && ls
