namespace Runner.Tests.Jq;

/// <summary>One case of a <c>.jqtest</c> file: program, input, expected outputs (compact JSON).</summary>
public sealed record JqCase(string File, int Line, string Program, string Input, IReadOnlyList<string> Outputs, string? Only171)
{
    public override string ToString() => $"{File}:{Line} {Program}";
}

/// <summary>
/// Reads the case files: blocks separated by blank lines; a "# 1.7.1: reason" comment marks a case where
/// jq 1.6 answers differently (so it is not compared live with libjq).
/// </summary>
internal static class JqCaseFile
{
    public static IEnumerable<JqCase> Read(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Jq", "Cases", name);
        var lines = File.ReadAllLines(path);
        string? only = null;
        var block = new List<(int Line, string Text)>();
        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i] : "";
            if (line.Length == 0)
            {
                if (block.Count >= 2)
                {
                    yield return new JqCase(name, block[0].Line, block[0].Text, block[1].Text, [.. block.Skip(2).Select(b => b.Text)], only);
                }

                block.Clear();
                only = null;
                continue;
            }

            if (block.Count == 0 && line.StartsWith('#'))
            {
                if (line.StartsWith("# 1.7.1:", StringComparison.Ordinal))
                {
                    only = line["# 1.7.1:".Length..].Trim();
                }

                continue;
            }

            block.Add((i + 1, line));
        }
    }
}
