# want "ReservedStageName: stage name .scratch. is reserved"
FROM alpine:3.20 AS scratch
RUN echo hi > /greeting

# want "ReservedStageName: stage name .context."
FROM alpine:3.20 AS Context
RUN true
