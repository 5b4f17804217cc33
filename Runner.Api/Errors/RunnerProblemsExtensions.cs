using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Runner.Api.Errors;
using Runner.Domain.Common;

namespace Microsoft.AspNetCore.Builder;

internal static class RunnerProblemsExtensions
{
    /// <summary>Strict JSON (unknown fields and wrong types are errors) and problem details for every failure.</summary>
    public static WebApplicationBuilder AddRunnerProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // The web defaults accept "1" for a number; a wrong type must be an error, not a guess.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        // Binding failures throw, so the exception handler can name the field instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = InputLimits.MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication UseRunnerProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
