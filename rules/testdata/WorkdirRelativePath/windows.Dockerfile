# paths are judged for the stage's platform: on Windows a C: drive path is absolute
FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS win
WORKDIR C:/app

FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS win-rel
# want "WorkdirRelativePath"
WORKDIR app

# without "# escape=`" the backslash escapes the next character: this is C:app
FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS escaped
# want "WorkdirRelativePath: relative WORKDIR .C:app."
WORKDIR C:\app

# without --platform the stage is linux, where C:/app is relative
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS implicit
# want "WorkdirRelativePath"
WORKDIR C:/app
