# Runner Api. Build from the repository root: docker build -f deploy/docker/Api.Dockerfile .
# The same image runs the one-shot schema step: `dotnet Runner.Api.dll migrate`.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Project and build files first, so the restore layer is reused until a package reference changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Runner.Domain/Runner.Domain.csproj Runner.Domain/
COPY Runner.Api/Runner.Api.csproj Runner.Api/
RUN dotnet restore Runner.Api/Runner.Api.csproj -r linux-x64
COPY Runner.Domain/ Runner.Domain/
COPY Runner.Api/ Runner.Api/
# ReadyToRun: the Api runs with tiered compilation off (docs/decisions/api-jit.md); precompiled code keeps its start-up short.
RUN dotnet publish Runner.Api/Runner.Api.csproj -c Release --no-restore -r linux-x64 --self-contained false -o /app -p:UseAppHost=false -p:PublishReadyToRun=true

# Nothing installed on top: mappings run on the native jq engine (managed code), so the image needs no native library.
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-trixie-slim AS runtime
WORKDIR /app
COPY --from=build /app ./
# 1654 is the base image's "app" user; a numeric uid lets Kubernetes prove runAsNonRoot.
USER 1654
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# bash's /dev/tcp instead of curl: no HTTP client in the image for anyone who gets in.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Runner.Api.dll"]
