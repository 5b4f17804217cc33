using System.Diagnostics;
using System.Text;
using Runner.Domain.Mapping.Jq;

namespace Runner.Tests.Mapping.Jq;

public class JqMemoryTests
{
    private const long MaxGrowthBytes = 64L * 1024 * 1024;

    [Test]
    public void Two_hundred_thousand_evaluations_do_not_leak()
    {
        // A 4 KB input: leaking it (or its output) once per evaluation would add ~800 MB.
        var input = Encoding.UTF8.GetBytes($$"""{"id":"x","blob":"{{new string('a', 4000)}}","n":[1,2,3]}""");
        using var program = JqProgram.Compile("{id, size: (.blob | length), sum: (.n | add)}, error(\"late\")");
        Run(program, input, 20_000);
        var before = SettledMemory();

        Run(program, input, 200_000);

        var after = SettledMemory();
        Assert.That(after.Rss - before.Rss, Is.LessThan(MaxGrowthBytes), "process RSS growth");
        Assert.That(after.Managed - before.Managed, Is.LessThan(MaxGrowthBytes), "managed heap growth");
    }

    private static void Run(JqProgram program, byte[] input, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var result = program.Evaluate(input);
            if (result.Outputs.Count != 1 || result.Error != "late")
            {
                Assert.Fail($"unexpected result at {i}: {result.Error}");
            }
        }
    }

    private static (long Rss, long Managed) SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }
}
