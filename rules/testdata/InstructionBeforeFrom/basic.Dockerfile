# syntax=docker/dockerfile:1
ARG BASE=alpine:3.20
# want "InstructionBeforeFrom: LABEL comes before the first FROM"
LABEL maintainer=me
# want "InstructionBeforeFrom: RUN"
RUN echo hi
FROM ${BASE}
RUN echo fine
