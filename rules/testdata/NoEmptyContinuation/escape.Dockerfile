# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# want "NoEmptyContinuation"
RUN powershell -Command `

    Write-Host hi
# a backslash is not the escape character here
RUN echo C:\

RUN echo done
