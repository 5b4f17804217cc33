using System.Diagnostics;

namespace Runner.Bench;

/// <summary>Times <c>jq -c -f program.jq &lt; objects.jsonl &gt; /dev/null</c>, the CLI's best case: one process, no per-object start-up.</summary>
public static class JqCli
{
    public static double Time(string program, IEnumerable<byte[]> objects, string pathPrefix)
    {
        var programPath = pathPrefix + ".jq";
        var objectsPath = pathPrefix + ".jsonl";
        File.WriteAllText(programPath, program);
        using (var file = File.Create(objectsPath))
        {
            foreach (var item in objects)
            {
                file.Write(item);
                file.WriteByte((byte)'\n');
            }
        }

        // Through the shell, so the redirections are exactly the command the README quotes (and the page cache is warm).
        var command = $"jq -c -f '{programPath}' < '{objectsPath}' > /dev/null";
        Run(command);
        var clock = Stopwatch.StartNew();
        Run(command);
        return clock.Elapsed.TotalSeconds;
    }

    private static void Run(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` failed ({process.ExitCode}): {error}");
        }
    }
}
