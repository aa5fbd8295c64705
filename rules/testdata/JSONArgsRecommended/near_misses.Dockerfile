FROM node:20 AS base
CMD ["node", "/app/server.js"]
ENTRYPOINT ["/app/docker-entrypoint.sh"]

# a SHELL makes the shell an explicit choice
FROM mcr.microsoft.com/powershell AS pwsh
SHELL ["pwsh", "-Command"]
CMD Write-Host hello

# SHELL is inherited from a base stage
FROM pwsh AS child
ENTRYPOINT Write-Host child
