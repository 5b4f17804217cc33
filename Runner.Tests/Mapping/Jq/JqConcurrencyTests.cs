using System.Text;
using Runner.Domain.Mapping.Jq;

namespace Runner.Tests.Mapping.Jq;

public class JqConcurrencyTests
{
    [Test]
    public void Many_threads_sharing_one_program_get_their_own_answers()
    {
        // Regexes (gsub) and number formatting touch the parts of libjq and oniguruma with global state.
        using var program = JqProgram.Compile("{id: (.id | tostring | gsub(\"0\"; \"o\")), half: (.id / 2), tag: (.name | test(\"^n\"))}");
        var failures = 0;

        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var result = program.Evaluate(Encoding.UTF8.GetBytes($$"""{"id":{{i}},"name":"n{{i}}"}"""));
            var expected = $$"""{"id":"{{i.ToString().Replace('0', 'o')}}","half":{{(i / 2.0).ToString(System.Globalization.CultureInfo.InvariantCulture)}},"tag":true}""";
            if (result.Error is not null || Encoding.UTF8.GetString(result.Outputs.Single()) != expected)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.That(failures, Is.Zero);
    }

    [Test]
    public void Programs_compile_concurrently()
    {
        var errors = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var program = JqProgram.Compile($".a + {i} | tostring | sub(\"1\"; \"x\")");
            if (program.Evaluate("""{"a":1}"""u8).Error is not null)
            {
                Interlocked.Increment(ref errors);
            }
        });

        Assert.That(errors, Is.Zero);
    }
}
