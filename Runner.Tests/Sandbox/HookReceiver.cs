using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Runner.Tests.Sandbox;

/// <summary>A loopback HTTP endpoint that records what the sandbox's service hooks POST to it.</summary>
internal sealed class HookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Path, string? Authorization, string? Marker, JsonElement Body);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _received = new();

    private HookReceiver(WebApplication app) => _app = app;

    /// <summary>Status code answered to every delivery.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    public string Url { get; private set; } = "";

    public IReadOnlyList<Delivery> Received => [.. _received];

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            receiver._received.Enqueue(new Delivery(
                context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["X-Marker"].FirstOrDefault(), body));
            return Results.StatusCode(receiver.Status);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/1";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
