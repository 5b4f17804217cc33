using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Runner.Domain.Egress;

/// <summary>
/// One long-lived <see cref="SocketsHttpHandler"/> per egress address (its connection pool is keyed by destination,
/// not by source, so addresses cannot share one), the sticky address of each installation, and the addresses that
/// recently failed to bind. With no pool configured there is a single handler and the OS chooses the source.
/// </summary>
internal sealed partial class EgressPool(IOptions<EgressOptions> options, TimeProvider time, ILogger<EgressPool> logger) : IDisposable
{
    // Long enough that a dead address is not retried by every request, short enough to pick it up again once fixed.
    private static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(5);

    private readonly EgressRoute[] _routes = CreateRoutes(options.Value);
    private readonly ConcurrentDictionary<IPAddress, DateTimeOffset> _failedUntil = new();

    /// <summary>The installation's own address first (stable hash of its id), then the rest of the pool in order; addresses that failed recently go last.</summary>
    private static EgressRoute[] CreateRoutes(EgressOptions egress)
    {
        IPAddress?[] sources = egress.Addresses.Count == 0 ? [null] : [.. egress.Addresses.Select(IPAddress.Parse)];
        return [.. sources.Select(source => new EgressRoute(source, CreateHandler(new EgressConnector(source, egress.AllowPrivateNetworks))))];
    }

    public IEnumerable<EgressRoute> RoutesFor(string installationId)
    {
        var first = PreferredIndex(installationId, _routes.Length);
        var ordered = Enumerable.Range(0, _routes.Length).Select(i => _routes[(first + i) % _routes.Length]).ToList();
        var now = time.GetUtcNow();
        return ordered.OrderBy(route => route.Source is { } source && _failedUntil.TryGetValue(source, out var until) && until > now);
    }

    public void MarkFailed(EgressBindException failure, string installationId)
    {
        _failedUntil[failure.SourceAddress] = time.GetUtcNow() + FailureMemory;
        LogBindFailed(logger, failure.SourceAddress, failure.Error, installationId, FailureMemory);
    }

    /// <summary>FNV-1a over the id's UTF-8 bytes: unlike string.GetHashCode it is the same in every process and release.</summary>
    internal static int PreferredIndex(string installationId, int count)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(installationId))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % (uint)count);
    }

    internal IReadOnlyList<EgressRoute> Routes => _routes;

    public void Dispose()
    {
        foreach (var route in _routes)
        {
            route.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(EgressConnector connector) => new()
    {
        // A proxy would receive the ConnectCallback's connection: no bound source, no SSRF check on the real host.
        UseProxy = false,
        // A redirect could point anywhere; Azure DevOps APIs don't redirect, so a 3xx is returned as-is.
        AllowAutoRedirect = false,
        // Connections are re-made (and DNS re-resolved and re-checked) at least this often.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Bounds DNS resolution plus connect inside the callback: a black-holed address fails, never hangs.
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = connector.ConnectAsync,
    };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Egress address {Source} cannot be bound ({Error}): installation {InstallationId} moves to the next address of the pool; this one is skipped for {Duration}")]
    private static partial void LogBindFailed(ILogger logger, IPAddress source, SocketError error, string installationId, TimeSpan duration);
}
