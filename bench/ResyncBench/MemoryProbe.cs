using System.Text;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Mapping;

namespace Runner.Bench;

/// <summary>What compiling the default mapping costs in resident memory, as the resync pipeline does it (validate, then compile).</summary>
public static class MemoryProbe
{
    public static void Compile()
    {
        Console.Error.WriteLine($"start: VmRSS {Rss()} MB");
        var config = InstallationMapping.Validate(AzureDevOpsDefaults.PortAppConfigYaml);
        Console.Error.WriteLine($"after validating every field (PLINQ) and the combined programs: VmRSS {Rss()} MB, VmHWM {Rss("VmHWM")} MB");
        using var compiled = PortAppConfigCompiler.Compile(config);
        Console.Error.WriteLine($"after compiling the {compiled.Resources.Count} combined programs again: VmRSS {Rss()} MB, VmHWM {Rss("VmHWM")} MB");
        var input = Encoding.UTF8.GetBytes("{}");
        foreach (var states in new[] { 2, 4, 8 })
        {
            // One compiled jq state per concurrent caller and resource, as Parallel.For may use more threads than cores.
            foreach (var resource in compiled.Resources)
            {
                Parallel.For(0, states * 50, new ParallelOptions { MaxDegreeOfParallelism = states }, _ => resource.Program.Evaluate(input));
            }
            Console.Error.WriteLine($"after evaluating with up to {states} threads per program: VmRSS {Rss()} MB, VmHWM {Rss("VmHWM")} MB");
        }
    }

    private static long Rss(string field = "VmRSS") =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
