using System.ComponentModel.DataAnnotations;

namespace Runner.Worker.Hosting;

public sealed class WorkerOptions
{
    public const string SectionName = "Runner:Worker";

    /// <summary>Hangfire worker threads in this process: resyncs it runs at once.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;
}
