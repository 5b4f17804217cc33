namespace Runner.Tests.Deploy;

/// <summary>Just enough of a Dockerfile parser for the tests: continuation lines joined, comments dropped.</summary>
internal sealed record Dockerfile(IReadOnlyList<Dockerfile.Stage> Stages)
{
    public Stage Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<Instruction>();
        var pending = "";
        foreach (var raw in text.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith('#')))
        {
            pending += raw;
            if (pending.EndsWith('\\'))
            {
                pending = pending[..^1] + " ";
                continue;
            }
            if (pending.Length > 0)
            {
                var parts = pending.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                instructions.Add(new Instruction(parts[0].ToUpperInvariant(), parts.ElementAtOrDefault(1)?.Trim() ?? ""));
            }
            pending = "";
        }

        var stages = new List<Stage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                var name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new Stage(words[0], name, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    internal sealed record Instruction(string Keyword, string Arguments);

    internal sealed record Stage(string Image, string? Name, List<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

        public string? Last(string keyword) => All(keyword).LastOrDefault();
    }
}
