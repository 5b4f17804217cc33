# Azure DevOps sandbox for `docker compose --profile demo`: a fake organization the demo syncs from.
# Build from the repository root: docker build -f deploy/docker/Sandbox.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY tools/AdoSandbox/AdoSandbox.csproj tools/AdoSandbox/
RUN dotnet restore tools/AdoSandbox/AdoSandbox.csproj
COPY tools/AdoSandbox/ tools/AdoSandbox/
RUN dotnet publish tools/AdoSandbox/AdoSandbox.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-trixie-slim AS runtime
WORKDIR /app
COPY --from=build /app ./
USER 1654
EXPOSE 5081
# A TCP connect only: the sandbox's routes belong to the fake Azure DevOps API, not to us.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=5 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5081"]
ENTRYPOINT ["dotnet", "AdoSandbox.dll", "--urls", "http://0.0.0.0:5081"]
