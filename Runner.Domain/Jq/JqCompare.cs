namespace Runner.Domain.Jq;

/// <summary>jq's total order over all values (and so its equality): kind first, then value; objects by sorted keys, then values.</summary>
public sealed class JqCompare : IComparer<JqValue>, IEqualityComparer<JqValue>
{
    public static readonly JqCompare Instance = new();

    public int Compare(JqValue a, JqValue b) => Order(a, b);

    public bool Equals(JqValue a, JqValue b) => Order(a, b) == 0;

    public int GetHashCode(JqValue value) => value.Kind switch
    {
        JqKind.Number => value.Number.GetHashCode(),
        JqKind.String => value.AsString().GetHashCode(StringComparison.Ordinal),
        _ => (int)value.Kind,
    };

    public static bool AreEqual(JqValue a, JqValue b) => Order(a, b) == 0;

    public static int Order(JqValue a, JqValue b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind < b.Kind ? -1 : 1;
        }

        switch (a.Kind)
        {
            case JqKind.Number:
                // jq compares nan as if it were null: below every number, itself included.
                if (double.IsNaN(a.Number))
                {
                    return -1;
                }

                if (double.IsNaN(b.Number))
                {
                    return 1;
                }

                var c = a.Number.CompareTo(b.Number);
                if (c == 0 && a.HasLiteral && b.HasLiteral && !double.IsInfinity(a.Number))
                {
                    return Math.Sign(JqNumbers.CompareLiterals(a.Literal!, b.Literal!));
                }

                return c;
            case JqKind.String:
                return Math.Sign(CompareStrings(a.AsString(), b.AsString()));
            case JqKind.Array:
                return CompareArrays(a, b);
            case JqKind.Object:
                return CompareObjects(a, b);
            default:
                return 0;
        }
    }

    /// <summary>Code point order (jq compares UTF-8 bytes), which differs from UTF-16 order only around surrogates.</summary>
    public static int CompareStrings(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                if (x >= 0xD800 && y >= 0xD800)
                {
                    return Rank(x) - Rank(y);
                }

                return x - y;
            }
        }

        return a.Length - b.Length;

        static int Rank(char c) => char.IsSurrogate(c) ? c + 0x10000 : c;
    }

    private static int CompareArrays(JqValue a, JqValue b)
    {
        JqStack.Ensure();
        var x = a.AsArray().Span;
        var y = b.AsArray().Span;
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Order(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private static int CompareObjects(JqValue a, JqValue b)
    {
        JqStack.Ensure();
        var x = a.AsObject();
        var y = b.AsObject();
        var kx = SortedKeys(x);
        var ky = SortedKeys(y);
        var n = Math.Min(kx.Length, ky.Length);
        for (var i = 0; i < n; i++)
        {
            var c = CompareStrings(kx[i], ky[i]);
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        if (kx.Length != ky.Length)
        {
            return kx.Length.CompareTo(ky.Length);
        }

        foreach (var key in kx)
        {
            x.TryGet(key, out var vx);
            y.TryGet(key, out var vy);
            var c = Order(vx, vy);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    internal static string[] SortedKeys(JqObject o)
    {
        var keys = new string[o.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = o.KeyAt(i);
        }

        Array.Sort(keys, CompareStrings);
        return keys;
    }
}
