using Microsoft.AspNetCore.Http.HttpResults;
using Runner.Api.OpenApi;
using Runner.Domain.Common;
using Runner.Domain.LiveEvents;

namespace Runner.Api.LiveEvents;

/// <summary>
/// Azure DevOps service hook deliveries, outside <c>/api/v1</c> and without an API key: each carries its installation's
/// basic-auth webhook credential. 202 once the delivery is in the inbox; 200 for a repeat (applied once).
/// </summary>
internal static class HookEndpoints
{
    public const string Prefix = "/hooks";

    public static IEndpointRouteBuilder MapHooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{Prefix}/azure-devops").WithTags("Live events").AllowAnonymous().WithMetadata(new WebhookCredentialMetadata());
        group.MapPost("/{installationId}", ReceiveAzureDevOpsEvent)
            .WithSummary("Receive an Azure DevOps service hook delivery (basic auth with the installation's webhook credential)")
            .Accepts<DeliveryBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Accepted<DeliveryReceipt>, Ok<DeliveryReceipt>, ProblemHttpResult>> ReceiveAzureDevOpsEvent(
        string installationId, HttpContext context, EventIntake intake, LiveEventMetrics metrics, CancellationToken ct)
    {
        var installation = await intake.AuthenticateAsync(installationId, context.Request.Headers.Authorization, ct);
        if (installation is null)
        {
            metrics.Delivery(EventIntake.Verdict.Unauthorized);
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"runner\"";
            return Problem(StatusCodes.Status401Unauthorized, "Unknown installation or wrong credentials.");
        }
        if (!intake.TryAdmit(installation))
        {
            metrics.Delivery(EventIntake.Verdict.RateLimited);
            context.Response.Headers.RetryAfter = "1";
            return Problem(StatusCodes.Status429TooManyRequests, "Too many deliveries for this installation; try again in a second.");
        }
        var body = await BoundedBody.ReadAsync(context.Request, InputLimits.MaxRequestBodyBytes, ct);
        if (body is null)
        {
            metrics.Delivery(EventIntake.Verdict.Malformed);
            await intake.CountRejectedAsync(installation.Id, ct);
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The request body must be at most {InputLimits.MaxRequestBodyBytes} bytes.");
        }
        var outcome = await intake.AcceptAsync(installation, body.Value, ct);
        metrics.Delivery(outcome.Verdict);
        return outcome.Verdict switch
        {
            EventIntake.Verdict.Accepted => TypedResults.Accepted((string?)null, new DeliveryReceipt("accepted", null)),
            EventIntake.Verdict.Duplicate or EventIntake.Verdict.Ignored => TypedResults.Ok(new DeliveryReceipt(outcome.Verdict == EventIntake.Verdict.Duplicate ? "duplicate" : "ignored", outcome.Detail)),
            EventIntake.Verdict.ForeignOrganization => Problem(StatusCodes.Status403Forbidden, outcome.Detail!),
            _ => Problem(StatusCodes.Status400BadRequest, outcome.Detail!),
        };
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);

    /// <summary>What the intake answers for a delivery it took (or had already taken).</summary>
    public sealed record DeliveryReceipt(string Status, string? Detail);

    /// <summary>Microsoft's delivery body, as far as the intake reads it.</summary>
    public sealed record DeliveryBody(string EventType, string PublisherId, string? Id, long? NotificationId, System.Text.Json.Nodes.JsonObject Resource,
        System.Text.Json.Nodes.JsonObject? ResourceContainers);
}
