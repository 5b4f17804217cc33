using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Runner.Domain.Integrations.AzureDevOps.Http;

/// <summary>
/// The one retry pipeline for Azure DevOps: 408, 429, 5xx, connection failures and attempt timeouts are retried
/// with jittered exponential back-off, or after exactly <c>Retry-After</c> when the service names a wait.
/// No circuit breaker: it would be shared by every tenant behind dev.azure.com.
/// </summary>
internal static class AzureDevOpsResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<AzureDevOpsOptions>>().Value;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.MaxRetryDelay,
            ShouldRetryAfterHeader = true,
            OnRetry = args =>
            {
                if (args.Context.GetRequestMessage() is { } request && request.Options.TryGetValue(AzureDevOpsHttp.Session, out var session))
                {
                    session.Counters.AddRetry(args.RetryDelay);
                }
                return default;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
    }
}
