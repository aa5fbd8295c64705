FROM debian:bookworm
# sh does not know [[ ]]
# want "ShellCheck: SC3010"
RUN [[ -d /tmp ]] && echo yes

SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN [[ -d /tmp ]] && echo yes

# exec form is not a shell script
RUN ["sh", "-c", "echo $undeclared"]

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN $x = 1; Write-Host $x
