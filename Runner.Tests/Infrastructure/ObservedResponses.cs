using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Runner.Tests.Infrastructure;

/// <summary>
/// Every (method, route template, status) any test's request got from any test Api in this run, so the
/// OpenAPI coverage test can check the document lists each status the tests really saw.
/// </summary>
public static class ObservedResponses
{
    public sealed record Observation(string Method, string Route, int Status);

    private static readonly ConcurrentDictionary<Observation, byte> Seen = new();

    public static IReadOnlyCollection<Observation> All => Seen.Keys.ToList();

    /// <summary>Installed first in each test Api's pipeline by <see cref="RunnerApiFactory"/>.</summary>
    internal sealed class Recorder : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                // The exception handler clears the endpoint before it writes a problem; remember the one routing chose.
                var endpoint = new FirstEndpoint(context.Features.Get<IEndpointFeature>());
                context.Features.Set<IEndpointFeature>(endpoint);
                await nextMiddleware(context);
                if (endpoint.Matched is RouteEndpoint route)
                {
                    Seen.TryAdd(new Observation(context.Request.Method, Template(route), context.Response.StatusCode), 0);
                }
            });
            next(app);
        };

        /// <summary>The template as OpenAPI writes it: no constraints, no trailing slash.</summary>
        private static string Template(RouteEndpoint route) =>
            "/" + string.Join('/', route.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
                _ => part.ToString(),
            }))));
    }

    private sealed class FirstEndpoint(IEndpointFeature? inner) : IEndpointFeature
    {
        private Endpoint? _own;

        public Endpoint? Matched { get; private set; }

        public Endpoint? Endpoint
        {
            get => inner?.Endpoint ?? _own;
            set
            {
                Matched ??= value;
                if (inner is null)
                {
                    _own = value;
                }
                else
                {
                    inner.Endpoint = value;
                }
            }
        }
    }
}
