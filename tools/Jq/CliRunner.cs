using System.Text;
using System.Text.Json;
using Runner.Domain.Jq;
using Runner.Domain.Jq.Runtime;

namespace Runner.Tools.Jq;

/// <summary>Compiles the filter, runs it over every input and prints like jq; exit codes as jq's.</summary>
internal sealed class CliRunner(CliOptions options)
{
    private readonly Stream stdout = Console.OpenStandardOutput();
    private readonly JqJsonWriter output = new(options.Format);

    public int Run()
    {
        JqProgram program;
        try
        {
            program = JqProgram.Compile(options.Filter!, [.. options.Variables.Keys]);
        }
        catch (JqCompileException e)
        {
            Console.Error.WriteLine($"jq: error: {e.Message}");
            Console.Error.WriteLine("jq: 1 compile error");
            return 5;
        }

        var run = new JqRunOptions
        {
            Variables = options.Variables,
            Environment = EnvironmentObject(),
            // The command line is a tool for a person: generous limits, not a tenant's.
            Budget = new JqBudget(MaxSteps: long.MaxValue, MaxMemoryBytes: long.MaxValue, MaxDepth: 100_000),
        };

        var status = 0;
        bool? lastTruthy = null;
        try
        {
            foreach (var input in Inputs())
            {
                try
                {
                    program.Run(input, v =>
                    {
                        lastTruthy = v.IsTruthy;
                        Print(v);
                        return true;
                    }, run);
                }
                catch (JqException e)
                {
                    Flush();
                    Console.Error.WriteLine(e.Value.Kind == JqKind.String
                        ? $"jq: error (at <unknown>): {e.Value.AsString()}"
                        : $"jq: error (at <unknown>) (not a string): {JqJson.Serialize(e.Value)}");
                    status = 5;
                }
                catch (JqBudgetException e)
                {
                    Flush();
                    Console.Error.WriteLine($"jq: error (at <unknown>): {e.Message}");
                    status = 5;
                }
                catch (JqHaltException halt)
                {
                    // Here, while the value's input document is still open.
                    return Halt(halt);
                }
            }
        }
        catch (JsonException e)
        {
            Flush();
            Console.Error.WriteLine($"jq: error (at <stdin>:0): Cannot parse input: {e.Message}");
            return 2;
        }
        catch (JqHaltException halt)
        {
            return Halt(halt);
        }

        Flush();
        if (status != 0)
        {
            return status;
        }

        if (options.ExitStatus)
        {
            return lastTruthy is not { } truthy ? 4 : truthy ? 0 : 1;
        }

        return 0;
    }

    private int Halt(JqHaltException halt)
    {
        Flush();
        if (halt.Value is { } value)
        {
            Console.Error.Write(value.Kind == JqKind.String ? value.AsString() : JqJson.Serialize(value) + "\n");
        }

        return halt.ExitCode;
    }

    // Each value is valid until the next one is read (the stream reuses its buffer); -s keeps copies.
    private IEnumerable<JqValue> Inputs()
    {
        if (options.NullInput)
        {
            return [JqValue.Null];
        }

        if (options.Slurp)
        {
            return [new JqValue(JqArray.From(Values().Select(v => v.IsElement ? JqValue.FromElement(v.Element.Clone()) : v).ToList()))];
        }

        return Values();
    }

    private IEnumerable<JqValue> Values()
    {
        var sources = options.Files.Count == 0 ? [Console.OpenStandardInput] : options.Files.Select(f => (Func<Stream>)(() => File.OpenRead(f)));
        foreach (var open in sources)
        {
            using var stream = new JqJsonStream(open());
            while (stream.TryRead(out var value))
            {
                yield return value;
            }
        }
    }

    private void Print(JqValue v)
    {
        if (options.Raw && v.Kind == JqKind.String)
        {
            output.WriteText(v.AsString());
        }
        else
        {
            output.Write(v);
        }

        if (!options.Join)
        {
            output.WriteRaw("\n"u8);
        }

        if (output.Length > 1 << 16)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (output.Length == 0)
        {
            return;
        }

        stdout.Write(output.Written);
        stdout.Flush();
        output.Clear();
    }

    private static JqValue EnvironmentObject()
    {
        // Written by hand: JsonSerializer's start-up (reflection metadata) costs more than a short run.
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                writer.WriteString((string)entry.Key, (string?)entry.Value ?? "");
            }

            writer.WriteEndObject();
        }

        return JqJson.Parse(Encoding.UTF8.GetString(json.ToArray()));
    }
}
