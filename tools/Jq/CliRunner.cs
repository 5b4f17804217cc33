using System.Text;
using System.Text.Json;
using Runner.Domain.Jq;
using Runner.Domain.Jq.Runtime;

namespace Runner.Tools.Jq;

/// <summary>Compiles the filter, runs it over every input and prints like jq; exit codes as jq's.</summary>
internal sealed class CliRunner(CliOptions options)
{
    private readonly Stream stdout = Console.OpenStandardOutput();
    private readonly StringBuilder buffer = new();

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
        JqValue? last = null;
        try
        {
            foreach (var input in Inputs())
            {
                try
                {
                    program.Run(input, v =>
                    {
                        last = v;
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
            if (halt.Value is { } value)
            {
                Flush();
                Console.Error.Write(value.Kind == JqKind.String ? value.AsString() : JqJson.Serialize(value) + "\n");
            }

            Flush();
            return halt.ExitCode;
        }

        Flush();
        if (status != 0)
        {
            return status;
        }

        if (options.ExitStatus)
        {
            return last is null ? 4 : last.Value.IsTruthy ? 0 : 1;
        }

        return 0;
    }

    private IEnumerable<JqValue> Inputs()
    {
        if (options.NullInput)
        {
            return [JqValue.Null];
        }

        var values = ReadAll().SelectMany(JsonStream.Read);
        if (options.Slurp)
        {
            return [new JqValue(JqArray.From(values.ToList()))];
        }

        return values;
    }

    private IEnumerable<byte[]> ReadAll()
    {
        if (options.Files.Count == 0)
        {
            using var stdin = Console.OpenStandardInput();
            using var memory = new MemoryStream();
            stdin.CopyTo(memory);
            yield return memory.ToArray();
            yield break;
        }

        foreach (var file in options.Files)
        {
            yield return File.ReadAllBytes(file);
        }
    }

    private void Print(JqValue v)
    {
        if (options.Raw && v.Kind == JqKind.String)
        {
            buffer.Append(v.AsString());
        }
        else
        {
            JqJson.Write(buffer, v, options.Format, 0);
        }

        if (!options.Join)
        {
            buffer.Append('\n');
        }

        if (buffer.Length > 1 << 16)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (buffer.Length == 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(buffer.ToString());
        stdout.Write(bytes);
        stdout.Flush();
        buffer.Clear();
    }

    private static JqValue EnvironmentObject()
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            o[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        var result = JqJson.Parse(JsonSerializer.Serialize(o));
        return result;
    }
}
