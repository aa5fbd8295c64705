# want "SingleStageBuild: ^single-stage build ships the \.NET SDK in the final image"
FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src
COPY *.csproj .
RUN dotnet restore
COPY . .
RUN dotnet publish -c Release -o /app
WORKDIR /app
ENTRYPOINT ["dotnet", "Api.dll"]
