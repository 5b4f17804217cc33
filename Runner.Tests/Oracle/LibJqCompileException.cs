namespace Runner.Tests.Oracle;

/// <summary>A jq program did not compile; <see cref="Exception.Message"/> carries jq's own diagnostics.</summary>
public sealed class LibJqCompileException(string program, string jqMessage)
    : Exception($"jq program does not compile: {jqMessage}")
{
    public string Program { get; } = program;

    public string JqMessage { get; } = jqMessage;
}
