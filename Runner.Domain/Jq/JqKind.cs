namespace Runner.Domain.Jq;

/// <summary>jq's value kinds, declared in jq's sort order (null &lt; false &lt; true &lt; numbers &lt; strings &lt; arrays &lt; objects).</summary>
public enum JqKind : byte
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}
