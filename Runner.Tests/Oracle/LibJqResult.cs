namespace Runner.Tests.Oracle;

/// <summary>
/// What one evaluation produced: every output as compact UTF-8 JSON, or the runtime error that stopped it
/// (outputs emitted before the error are kept). Runtime errors are data, not exceptions: one bad object
/// must not stop a resync.
/// </summary>
public sealed record LibJqResult(IReadOnlyList<byte[]> Outputs, string? Error)
{
    public bool IsSuccess => Error is null;
}
