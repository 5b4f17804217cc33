namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// What a node's Run returns: keep going, a tail call waiting in <see cref="Context"/> to be driven, or the
/// id of a label (or <c>limit</c>/<c>first</c> activation) being broken out of.
/// </summary>
internal static class Flow
{
    public const int Continue = 0;
    public const int Pending = -1;
}

/// <summary>A continuation: receives one output and says how to go on.</summary>
internal delegate int Emit(JqValue value);

/// <summary>A continuation in path mode: one output with the path that leads to it from the root.</summary>
internal delegate int PathEmit(JqValue value, JqPath? path);

/// <summary>A path from the root as a linked list, the last key first.</summary>
internal sealed class JqPath(JqPath? parent, JqValue key)
{
    public JqPath? Parent { get; } = parent;

    public JqValue Key { get; } = key;

    public static JqPath? Append(JqPath? path, JqValue key) => new(path, key);

    public static JqValue ToArray(JqPath? path)
    {
        var n = 0;
        for (var p = path; p is not null; p = p.Parent)
        {
            n++;
        }

        var items = new JqValue[n];
        for (var p = path; p is not null; p = p.Parent)
        {
            items[--n] = p.Key;
        }

        return new JqValue(JqArray.From(items));
    }

    public static JqPath? FromArray(JqValue array, JqPath? start = null)
    {
        var path = start;
        foreach (var key in array.AsArray().Span)
        {
            path = new JqPath(path, key);
        }

        return path;
    }
}

/// <summary>
/// One lexical frame at run time: a variable's value (<see cref="ValueFrame"/>) or a filter argument, code
/// with the frame it was written in (<see cref="CodeFrame"/>). The compiler resolves every name to a number
/// of hops up this chain, and knows which kind of frame it lands on. Two small classes rather than one with
/// every field: a function call allocates a frame per argument, and a code frame needs no value.
/// </summary>
internal abstract class Env(Env? parent)
{
    public Env? Parent { get; } = parent;

    public static Env? Up(Env? env, int hops)
    {
        for (var i = 0; i < hops; i++)
        {
            env = env!.Parent;
        }

        return env;
    }

    public static JqValue ValueAt(Env? env, int hops) => ((ValueFrame)Up(env, hops)!).Value;

    public static CodeFrame CodeAt(Env? env, int hops) => (CodeFrame)Up(env, hops)!;
}

internal sealed class ValueFrame(Env? parent, JqValue value) : Env(parent)
{
    public JqValue Value { get; } = value;
}

internal sealed class CodeFrame(Env? parent, Node code, Env? codeEnv) : Env(parent)
{
    public Node Code { get; } = code;

    public Env? CodeEnv { get; } = codeEnv;
}
