FROM debian:bookworm
ARG version=1.2
ENV app_home=/opt/app
# declared ARG and ENV names are not reported as unassigned
RUN echo "$version" "$app_home" "$HTTP_PROXY"

# want "ShellCheck: referenced but not assigned \(SC2154\)"
RUN echo "$undeclared_name"

# want "ShellCheck: SC2164"
RUN cd /tmp; make

# a variable declared in a later instruction is not visible here
# want "ShellCheck: SC2154"
RUN echo "$later"
ARG later=1
