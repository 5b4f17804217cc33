using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Runner.Bench.Jq;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Jq;
using Runner.Domain.Mapping;

// The native jq engine against libjq and the jq CLI on the default mapping's programs (work items and pull
// requests). Usage: JqBench [objects per kind, default 100000] [work dir]. One JSON object on stdout.
var perKind = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var work = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "jqbench");
Directory.CreateDirectory(work);

using var mapping = PortAppConfigCompiler.Compile(PortAppConfigParser.ParseYaml(AzureDevOpsDefaults.PortAppConfigYaml));
var random = new Random(20261201);
var kinds = new (string Kind, Func<Random, int, byte[]> Make)[] { ("work-item", AdoObjects.WorkItem), ("pull-request", AdoObjects.PullRequest) };
var rows = new List<object>();
foreach (var (kind, make) in kinds)
{
    var mapper = mapping.Resources.First(r => r.Resource.Kind == kind);
    var objects = Enumerable.Range(1, perKind).Select(i => make(random, i)).ToArray();
    var text = mapper.Program.Text;
    var native = JqProgram.Compile(text);
    var files = Files(work, kind, text, objects);

    // Same output from both engines on every object (the native engine writes numbers as jq 1.7.1 does,
    // which for these objects is also jq 1.6's text).
    var mismatches = objects.Take(2000).Count(o => NativeText(native, o) != System.Text.Encoding.UTF8.GetString(mapper.Program.Evaluate(o).Outputs.Single()));

    var nativeRate = InProcess(objects, native);
    var libjqRate = InProcessLibjq(objects, mapper);
    var jqCli = Cli("jq", ["-c", "-f", files.Program], files.Objects, objects.Length);
    var runnerJq = RunnerJq(files, objects.Length, text);
    rows.Add(new
    {
        kind,
        objects = objects.Length,
        mismatchesIn2000 = mismatches,
        nativeObjectsPerSecond = Math.Round(nativeRate.PerSecond),
        nativeAllocatedBytesPerObject = Math.Round(nativeRate.BytesPerObject),
        libjqObjectsPerSecond = Math.Round(libjqRate.PerSecond),
        libjqAllocatedBytesPerObject = Math.Round(libjqRate.BytesPerObject),
        jqCliObjectsPerSecond = Math.Round(jqCli),
        runnerJqCliObjectsPerSecond = runnerJq is { } r ? Math.Round(r) : (double?)null,
        nativeVsJqCli = Math.Round(nativeRate.PerSecond / jqCli, 1),
        runnerJqVsJqCli = runnerJq is { } rr ? Math.Round(rr / jqCli, 1) : (double?)null,
    });
    Console.Error.WriteLine($"{kind}: native {nativeRate.PerSecond:F0}/s ({nativeRate.BytesPerObject:F0} B/object), libjq {libjqRate.PerSecond:F0}/s, jq CLI {jqCli:F0}/s, runner-jq {runnerJq:F0}/s");
}

Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));

static string NativeText(JqProgram program, byte[] item)
{
    using var document = JsonDocument.Parse(item);
    return JqJson.Serialize(program.First(JqValue.FromElement(document.RootElement))!.Value);
}

// The Worker's path: a raw object's bytes parsed, mapped, and the result written as JSON, on one thread.
static (double PerSecond, double BytesPerObject) InProcess(byte[][] objects, JqProgram program)
{
    var output = new ArrayBufferWriter<byte>(4096);
    using var writer = new Utf8JsonWriter(output);
    void MapAll()
    {
        foreach (var item in objects)
        {
            using var document = JsonDocument.Parse(item);
            output.ResetWrittenCount();
            writer.Reset(output);
            program.WriteTo(writer, JqValue.FromElement(document.RootElement));
            writer.Flush();
        }
    }

    MapAll();
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    MapAll();
    var seconds = clock.Elapsed.TotalSeconds;
    return (objects.Length / seconds, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)objects.Length);
}

static (double PerSecond, double BytesPerObject) InProcessLibjq(byte[][] objects, ResourceMapper mapper)
{
    foreach (var item in objects.Take(2000))
    {
        mapper.Program.Evaluate(item);
    }

    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    foreach (var item in objects)
    {
        mapper.Program.Evaluate(item);
    }

    var seconds = clock.Elapsed.TotalSeconds;
    return (objects.Length / seconds, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)objects.Length);
}

static (string Program, string Objects) Files(string work, string kind, string program, byte[][] objects)
{
    var programPath = Path.Combine(work, kind + ".jq");
    var objectsPath = Path.Combine(work, kind + ".jsonl");
    File.WriteAllText(programPath, program);
    using var file = File.Create(objectsPath);
    foreach (var item in objects)
    {
        file.Write(item);
        file.WriteByte((byte)'\n');
    }

    return (programPath, objectsPath);
}

// Whole process, parse + map + print, output to /dev/null; the second of two runs (warm page cache).
static double Cli(string command, IReadOnlyList<string> arguments, string input, int count)
{
    double seconds = 0;
    for (var run = 0; run < 2; run++)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var stderr = process.StandardError.ReadToEndAsync();
        using (var file = File.OpenRead(input))
        {
            file.CopyTo(process.StandardInput.BaseStream);
        }

        process.StandardInput.Close();
        stdout.Wait();
        process.WaitForExit();
        seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    return count / seconds;
}

static double? RunnerJq((string Program, string Objects) files, int count, string program)
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Runner.slnx")))
    {
        dir = dir.Parent;
    }

    var dll = dir is null ? null : Path.Combine(dir.FullName, "tools", "Jq", "bin", "Release", "net10.0", "runner-jq.dll");
    if (dll is null || !File.Exists(dll))
    {
        Console.Error.WriteLine("runner-jq not built (dotnet build Runner.slnx -c Release); skipping its figure");
        return null;
    }

    return Cli("dotnet", [dll, "-c", program], files.Objects, count);
}
