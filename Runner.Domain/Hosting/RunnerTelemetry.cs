using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Runner.Domain.Hosting;

/// <summary>Runner's own activity source and meter, next to the framework instrumentation.</summary>
public static class RunnerTelemetry
{
    public const string Name = "Runner";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
