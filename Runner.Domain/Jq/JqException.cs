namespace Runner.Domain.Jq;

/// <summary>A jq runtime error (what <c>error</c> raises and <c>try … catch</c> catches), carrying jq's value.</summary>
public class JqException(JqValue value) : Exception(Describe(value))
{
    public JqValue Value { get; } = value;

    /// <summary>How many enclosing <c>try</c>s this error passes through unseen: it was raised after their body produced output.</summary>
    internal int Passing { get; set; }

    /// <summary>jq's message text: a string error as is, anything else as JSON with "(not a string)".</summary>
    public static string Describe(JqValue value) => value.Kind == JqKind.String
        ? value.AsString()
        : $"{JqJson.Serialize(value)} (not a string)";
}

/// <summary>A budget was exceeded: not catchable by <c>try</c>, it ends the evaluation.</summary>
public sealed class JqBudgetException(string message) : Exception(message);

/// <summary>The program text does not compile; the message is the parser's.</summary>
public sealed class JqCompileException(string message) : Exception(message);
