namespace Runner.Domain.Resync.Runs;

public sealed class HttpReport
{
    public long Requests { get; set; }
    public long Throttled { get; set; }
    public long Retries { get; set; }
    public double DelayHonouredSeconds { get; set; }
}
