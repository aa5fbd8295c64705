FROM alpine:3.20
# want "OnbuildInvalidTrigger: FROM is not allowed as an ONBUILD trigger"
ONBUILD FROM alpine:3.20
# want "OnbuildInvalidTrigger: ONBUILD is not allowed"
ONBUILD ONBUILD RUN echo x
# want "OnbuildInvalidTrigger: MAINTAINER"
ONBUILD maintainer me@example.com
ONBUILD RUN echo fine
ONBUILD COPY . /app
