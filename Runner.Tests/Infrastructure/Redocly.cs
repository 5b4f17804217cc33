using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Runner.Tests.Infrastructure;

/// <summary>
/// Redocly's OpenAPI linter (@redocly/cli, pinned in scripts/lib/system.sh), an independent judge of the document.
/// test.sh installs it and names it in RUNNER_REDOCLY; otherwise it must be on PATH.
/// </summary>
public static class Redocly
{
    public const string Version = "2.77.0";

    /// <summary>Runs <c>redocly lint --extends=recommended</c> and returns its JSON report.</summary>
    public static async Task<JsonNode> LintAsync(string documentJson)
    {
        var file = Path.Combine(Path.GetTempPath(), $"runner-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, documentJson);
        try
        {
            var start = new ProcessStartInfo(Executable(), ["lint", "--extends=recommended", "--format=json", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var text = await output;
            var json = text.IndexOf('{', StringComparison.Ordinal) is var at and >= 0 ? text[at..] : "";
            return JsonNode.Parse(json) ?? throw new AssertionException($"redocly printed no report (exit {process.ExitCode}): {await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Executable()
    {
        if (Environment.GetEnvironmentVariable("RUNNER_REDOCLY") is { Length: > 0 } configured)
        {
            return configured;
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "redocly")).FirstOrDefault(File.Exists);
        return onPath ?? throw new AssertionException(
            $"redocly is not installed: run ./test.sh (it installs @redocly/cli {Version} from npm) or `npm install -g @redocly/cli@{Version}`.");
    }
}
