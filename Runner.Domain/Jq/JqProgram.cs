using System.Text.Json;
using Runner.Domain.Jq.Runtime;
using Runner.Domain.Jq.Syntax;

namespace Runner.Domain.Jq;

/// <summary>
/// A jq 1.7.1 program compiled once into a tree of .NET nodes; immutable and safe to evaluate from many
/// threads at once (each evaluation has its own context). Outputs stream to a callback, so a program with
/// one output allocates nothing for the output itself.
/// </summary>
public sealed class JqProgram
{
    private readonly Node root;

    private JqProgram(string text, IReadOnlyList<string> variables, Node root)
    {
        Text = text;
        Variables = variables;
        this.root = root;
    }

    public string Text { get; }

    /// <summary>Names of the <c>$variables</c> the program is given at each evaluation (like jq's <c>--arg</c>).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <exception cref="JqCompileException">The text is not a jq program, or names something undefined.</exception>
    public static JqProgram Compile(string text, IReadOnlyList<string>? variables = null)
    {
        variables ??= [];
        try
        {
            var ast = Parser.Parse(text);
            return new JqProgram(text, variables, Compiler.CompileProgram(ast, variables));
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JqCompileException("program nested too deeply");
        }
    }

    /// <summary>
    /// Runs the program; <paramref name="output"/> gets each output and returns false to stop early.
    /// </summary>
    /// <exception cref="JqException">A jq error the program did not catch.</exception>
    /// <exception cref="JqBudgetException">A budget ran out.</exception>
    public void Run(JqValue input, Func<JqValue, bool> output, JqRunOptions? options = null)
    {
        options ??= JqRunOptions.Default;
        var context = new Context(options.Budget, options.Environment, options.CancellationToken);
        Env? env = null;
        foreach (var name in Variables)
        {
            env = new ValueFrame(env, options.Variables?.GetValueOrDefault(name) ?? JqValue.Null);
        }

        try
        {
            context.Run(root, env, input, v => output(v) ? Flow.Continue : 1);
        }
        catch (BreakSignal)
        {
            // A break to a label that has already ended cannot happen in a compiled program; treat as the end.
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JqBudgetException("recursion depth budget exceeded");
        }
    }

    public List<JqValue> Evaluate(JqValue input, JqRunOptions? options = null)
    {
        var outputs = new List<JqValue>(1);
        Run(input, v =>
        {
            outputs.Add(v);
            return true;
        }, options);
        return outputs;
    }

    public List<JqValue> Evaluate(JsonElement input, JqRunOptions? options = null) => Evaluate(JqValue.FromElement(input), options);

    /// <summary>Parses UTF-8 JSON and evaluates; the outputs may refer to the parsed input, so they stay valid.</summary>
    public List<JqValue> Evaluate(ReadOnlySpan<byte> utf8Json, JqRunOptions? options = null)
    {
        var reader = new Utf8JsonReader(utf8Json);
        return Evaluate(JsonElement.ParseValue(ref reader), options);
    }

    /// <summary>The first output, or null when there is none (Port's rule for a mapping field).</summary>
    public JqValue? First(JqValue input, JqRunOptions? options = null)
    {
        JqValue? first = null;
        Run(input, v =>
        {
            first = v;
            return false;
        }, options);
        return first;
    }

    /// <summary>Writes every output to <paramref name="writer"/> as it is produced; returns how many.</summary>
    public int WriteTo(Utf8JsonWriter writer, JqValue input, JqRunOptions? options = null)
    {
        var count = 0;
        Run(input, v =>
        {
            JqJson.WriteTo(writer, v);
            count++;
            return true;
        }, options);
        return count;
    }
}

/// <summary>How one evaluation runs: its budget, <c>$ENV</c>, the program's variables and a cancellation token.</summary>
public sealed record JqRunOptions
{
    public static readonly JqRunOptions Default = new();

    public JqBudget Budget { get; init; } = JqBudget.Default;

    /// <summary><c>$ENV</c> and <c>env</c>: empty unless given (tenant programs must not see the host's environment).</summary>
    public JqValue Environment { get; init; } = new(JqObject.Empty);

    public IReadOnlyDictionary<string, JqValue>? Variables { get; init; }

    public CancellationToken CancellationToken { get; init; }
}
