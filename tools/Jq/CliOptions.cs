using System.Globalization;
using Runner.Domain.Jq;

namespace Runner.Tools.Jq;

/// <summary>The command line, parsed as jq parses it (short flags may be combined, e.g. <c>-nr</c>).</summary>
internal sealed class CliOptions
{
    public bool Compact { get; private set; }
    public bool NullInput { get; private set; }
    public bool Raw { get; private set; }
    public bool Join { get; private set; }
    public bool Slurp { get; private set; }
    public bool ExitStatus { get; private set; }
    public bool SortKeys { get; private set; }
    public bool Tab { get; private set; }
    public int Indent { get; private set; } = 2;
    public string? Filter { get; private set; }
    public List<string> Files { get; } = [];
    public Dictionary<string, JqValue> Variables { get; } = new(StringComparer.Ordinal);

    public static CliOptions Parse(string[] args)
    {
        var o = new CliOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                for (i++; i < args.Length; i++)
                {
                    o.Positional(args[i]);
                }

                break;
            }

            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                switch (a)
                {
                    case "--compact-output": o.Compact = true; break;
                    case "--null-input": o.NullInput = true; break;
                    case "--raw-output": o.Raw = true; break;
                    case "--join-output": o.Raw = o.Join = true; break;
                    case "--slurp": o.Slurp = true; break;
                    case "--exit-status": o.ExitStatus = true; break;
                    case "--sort-keys": o.SortKeys = true; break;
                    case "--tab": o.Tab = true; break;
                    case "--indent":
                        o.Indent = int.Parse(Next(args, ref i, a), CultureInfo.InvariantCulture);
                        if (o.Indent is < 0 or > 7)
                        {
                            throw new ArgumentException("Cannot indent more than 7 characters");
                        }

                        break;
                    case "--arg":
                        var name = Next(args, ref i, a);
                        o.Variables[name] = new JqValue(Next(args, ref i, a));
                        break;
                    case "--argjson":
                        var jsonName = Next(args, ref i, a);
                        var text = Next(args, ref i, a);
                        try
                        {
                            o.Variables[jsonName] = JqJson.Parse(text);
                        }
                        catch (JqException)
                        {
                            throw new ArgumentException($"Invalid JSON text passed to --argjson");
                        }

                        break;
                    default:
                        throw new ArgumentException($"Unknown option: {a}");
                }

                continue;
            }

            if (a.Length > 1 && a[0] == '-' && !char.IsAsciiDigit(a[1]) && a[1] != '.' && a[1] != ' ')
            {
                foreach (var flag in a[1..])
                {
                    switch (flag)
                    {
                        case 'c': o.Compact = true; break;
                        case 'n': o.NullInput = true; break;
                        case 'r': o.Raw = true; break;
                        case 'j': o.Raw = o.Join = true; break;
                        case 's': o.Slurp = true; break;
                        case 'e': o.ExitStatus = true; break;
                        case 'S': o.SortKeys = true; break;
                        default: throw new ArgumentException($"Unknown option: {a}");
                    }
                }

                continue;
            }

            o.Positional(a);
        }

        if (o.Filter is null)
        {
            throw new ArgumentException("Usage: runner-jq [-c] [-n] [-r] [-j] [-s] [-e] [-S] [--tab] [--indent N] [--arg NAME VALUE] [--argjson NAME JSON] FILTER [FILE...]");
        }

        return o;
    }

    private void Positional(string a)
    {
        if (Filter is null)
        {
            Filter = a;
        }
        else
        {
            Files.Add(a);
        }
    }

    private static string Next(string[] args, ref int i, string option)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{option} takes a parameter");
        }

        return args[++i];
    }

    public JqJsonFormat Format => new(Compact ? 0 : Indent, SortKeys, Tab && !Compact);
}
