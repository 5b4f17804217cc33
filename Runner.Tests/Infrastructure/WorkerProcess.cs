using System.Diagnostics;

namespace Runner.Tests.Infrastructure;

/// <summary>A real Runner.Worker process (the build output next to the tests), for crash and shutdown tests.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public int Id => _process.Id;

    /// <summary>The Worker's last log lines.</summary>
    public string Output => string.Join("\n", _output);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(string connectionString, string kekBase64, IReadOnlyDictionary<string, string> settings)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "Runner.Worker.dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", directory])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Runner__Database__ConnectionString"] = connectionString;
        start.Environment["Runner__Secrets__Local__Key"] = kekBase64;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start)!;
        var worker = new WorkerProcess(process);
        // Drain output (a full pipe would block the Worker) and keep it for failure messages.
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the Worker shuts down gracefully.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
