# hadolint global ignore=DL3006
FROM debian:bookworm
RUN echo one
# hadolint ignore=DL3008,DL3015
# want "InlineIgnorePragma: inline hadolint ignore of DL3008, DL3015"
RUN apt-get install -y curl
# layerlint ignore=CdInsteadOfWorkdir reason
# want "InlineIgnorePragma: inline layerlint ignore of CdInsteadOfWorkdir"
RUN cd /tmp
# a comment that mentions hadolint is not an ignore
RUN echo two
