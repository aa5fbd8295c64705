FROM alpine:3.20
ARG VERSION=1.0
# want "UndefinedVar: .VERSON is not defined.*did you mean .VERSION"
ENV APP_VERSION=$VERSON
# want "UndefinedVar: .PAHT.*did you mean .PATH"
ENV PATH=$PAHT:/opt/bin
# want "UndefinedVar: .SRC is not defined"
COPY $SRC /app/
# an ENV cannot use a variable set in the same instruction
# want "UndefinedVar: .A is not defined"
ENV A=1 B=$A

# a global ARG is not visible in a stage until it is redeclared
ARG GLOBAL=x
FROM alpine:3.20 AS second
# want "UndefinedVar: .GLOBAL"
LABEL v=$GLOBAL
ARG GLOBAL
LABEL w=$GLOBAL
