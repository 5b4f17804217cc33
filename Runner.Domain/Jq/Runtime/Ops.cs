namespace Runner.Domain.Jq.Runtime;

/// <summary>jq's operators on values: arithmetic, indexing and slicing, with jq 1.7.1's semantics and errors.</summary>
internal static class Ops
{
    public static JqValue Add(Context c, JqValue a, JqValue b)
    {
        if (a.Kind == JqKind.Null)
        {
            return b;
        }

        if (b.Kind == JqKind.Null)
        {
            return a;
        }

        if (a.Kind != b.Kind)
        {
            throw Errors.Binary(a, b, "cannot be added");
        }

        switch (a.Kind)
        {
            case JqKind.Number:
                return new JqValue(a.Number + b.Number);
            case JqKind.String:
                var x = a.AsString();
                var y = b.AsString();
                c.Allocate(2L * (x.Length + y.Length));
                return new JqValue(string.Concat(x, y));
            case JqKind.Array:
                var l = a.AsArray();
                var r = b.AsArray();
                if (r.Count == 0)
                {
                    return a;
                }

                c.Allocate(16L * (l.Count + r.Count));
                var items = new JqValue[l.Count + r.Count];
                l.Span.CopyTo(items);
                r.Span.CopyTo(items.AsSpan(l.Count));
                return new JqValue(JqArray.From(items));
            case JqKind.Object:
                var left = a.AsObject();
                var right = b.AsObject();
                c.Allocate(32L * (left.Count + right.Count));
                var merged = left.Copy(right.Count);
                for (var i = 0; i < right.Count; i++)
                {
                    merged.Set(right.KeyAt(i), right.ValueAt(i));
                }

                return new JqValue(merged);
            default:
                throw Errors.Binary(a, b, "cannot be added");
        }
    }

    public static JqValue Subtract(Context c, JqValue a, JqValue b)
    {
        if (a.Kind == JqKind.Number && b.Kind == JqKind.Number)
        {
            return new JqValue(a.Number - b.Number);
        }

        if (a.Kind == JqKind.Array && b.Kind == JqKind.Array)
        {
            var remove = b.AsArray();
            var kept = new List<JqValue>();
            foreach (var item in a.AsArray().Span)
            {
                var found = false;
                foreach (var r in remove.Span)
                {
                    if (JqCompare.AreEqual(item, r))
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    kept.Add(item);
                }
            }

            c.Allocate(16L * kept.Count);
            return new JqValue(JqArray.From(kept));
        }

        throw Errors.Binary(a, b, "cannot be subtracted");
    }

    public static JqValue Multiply(Context c, JqValue a, JqValue b)
    {
        if (a.Kind == JqKind.Number && b.Kind == JqKind.Number)
        {
            return new JqValue(a.Number * b.Number);
        }

        if ((a.Kind == JqKind.String && b.Kind == JqKind.Number) || (a.Kind == JqKind.Number && b.Kind == JqKind.String))
        {
            var (s, n) = a.Kind == JqKind.String ? (a.AsString(), b.Number) : (b.AsString(), a.Number);
            // The manual: `"x" * 0` is ""; a negative count (or nan) gives null; the count is truncated.
            if (double.IsNaN(n) || n < 0)
            {
                return JqValue.Null;
            }

            var times = n > int.MaxValue ? int.MaxValue : (int)n;
            c.Allocate(2L * s.Length * times);
            return new JqValue(string.Concat(Enumerable.Repeat(s, times)));
        }

        if (a.Kind == JqKind.Object && b.Kind == JqKind.Object)
        {
            return DeepMerge(c, a, b);
        }

        throw Errors.Binary(a, b, "cannot be multiplied");
    }

    private static JqValue DeepMerge(Context c, JqValue a, JqValue b)
    {
        JqStack.Ensure();
        var left = a.AsObject();
        var right = b.AsObject();
        c.Allocate(32L * (left.Count + right.Count));
        var merged = left.Copy(right.Count);
        for (var i = 0; i < right.Count; i++)
        {
            var key = right.KeyAt(i);
            var value = right.ValueAt(i);
            if (value.Kind == JqKind.Object && merged.TryGet(key, out var existing) && existing.Kind == JqKind.Object)
            {
                value = DeepMerge(c, existing, value);
            }

            merged.Set(key, value);
        }

        return new JqValue(merged);
    }

    public static JqValue Divide(Context c, JqValue a, JqValue b)
    {
        if (a.Kind == JqKind.Number && b.Kind == JqKind.Number)
        {
            if (b.Number == 0)
            {
                throw Errors.Binary(a, b, "cannot be divided because the divisor is zero");
            }

            return new JqValue(a.Number / b.Number);
        }

        if (a.Kind == JqKind.String && b.Kind == JqKind.String)
        {
            return Strings.Split(c, a.AsString(), b.AsString());
        }

        throw Errors.Binary(a, b, "cannot be divided");
    }

    public static JqValue Modulo(JqValue a, JqValue b)
    {
        if (a.Kind == JqKind.Number && b.Kind == JqKind.Number)
        {
            if (double.IsNaN(a.Number) || double.IsNaN(b.Number))
            {
                return new JqValue(double.NaN);
            }

            var divisor = ToInteger(b.Number);
            if (divisor == 0)
            {
                throw Errors.Binary(a, b, "cannot be divided (remainder) because the divisor is zero");
            }

            return new JqValue(divisor == -1 ? 0 : ToInteger(a.Number) % divisor);
        }

        throw Errors.Binary(a, b, "cannot be divided");
    }

    public static long ToInteger(double d) => d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;

    public static JqValue Negate(JqValue a)
    {
        if (a.Kind != JqKind.Number)
        {
            throw Errors.Type(a, "cannot be negated");
        }

        return new JqValue(-a.Number);
    }

    public static JqValue Index(Context c, JqValue target, JqValue key)
    {
        switch (target.Kind)
        {
            case JqKind.Object when key.Kind == JqKind.String:
                return target.Field(key.AsString());
            case JqKind.Array when key.Kind == JqKind.Number:
                if (double.IsNaN(key.Number))
                {
                    return JqValue.Null;
                }

                var index = key.Number;
                if (index < 0)
                {
                    index += target.Count;
                }

                return index < 0 || index >= target.Count ? JqValue.Null : target.Index((int)Math.Floor(index));
            case JqKind.Null when key.Kind is JqKind.String or JqKind.Number or JqKind.Object or JqKind.Null:
                return JqValue.Null;
            case JqKind.Array or JqKind.String or JqKind.Null when key.Kind == JqKind.Object:
                return Slice(c, target, key.Field("start"), key.Field("end"));
            case JqKind.Array when key.Kind == JqKind.Array:
                return Builtins.ArrayIndices(target, key);
            default:
                throw Errors.CannotIndex(target, key);
        }
    }

    public static JqValue Slice(Context c, JqValue target, JqValue from, JqValue to)
    {
        if (target.Kind == JqKind.Null)
        {
            return JqValue.Null;
        }

        if ((from.Kind != JqKind.Null && from.Kind != JqKind.Number) || (to.Kind != JqKind.Null && to.Kind != JqKind.Number))
        {
            throw Errors.Error("Start and end indices of an array slice must be numbers");
        }

        if (target.Kind == JqKind.String)
        {
            var s = target.AsString();
            var points = Strings.CodePointCount(s);
            var (start, end) = SliceBounds(points, from, to);
            return new JqValue(Strings.SubstringByCodePoints(s, start, end - start));
        }

        if (target.Kind != JqKind.Array)
        {
            throw Errors.CannotIndex(target, new JqValue(JqObject.Empty));
        }

        var array = target.AsArray();
        var (first, last) = SliceBounds(array.Count, from, to);
        c.Allocate(16L * (last - first));
        return new JqValue(JqArray.From(array.Span[first..last].ToArray()));
    }

    public static (int Start, int End) SliceBounds(int length, JqValue from, JqValue to)
    {
        var start = from.Kind == JqKind.Number ? from.Number : 0;
        var end = to.Kind == JqKind.Number ? to.Number : length;
        if (double.IsNaN(start))
        {
            start = 0;
        }

        if (double.IsNaN(end))
        {
            end = length;
        }

        if (start < 0)
        {
            start += length;
        }

        if (end < 0)
        {
            end += length;
        }

        start = Math.Clamp(start, 0, length);
        end = Math.Min(end, length);
        if (end < start)
        {
            end = start;
        }

        var s = (int)start;
        var e = end > (int)end ? (int)end + 1 : (int)end;
        return (s, Math.Min(e, length));
    }

    public static JqValue Compare(string op, JqValue a, JqValue b)
    {
        var c = JqCompare.Order(a, b);
        return JqValue.Bool(op switch
        {
            "==" => c == 0,
            "!=" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        });
    }

    public static JqValue Binary(Context c, string op, JqValue a, JqValue b) => op switch
    {
        "+" => Add(c, a, b),
        "-" => Subtract(c, a, b),
        "*" => Multiply(c, a, b),
        "/" => Divide(c, a, b),
        "%" => Modulo(a, b),
        _ => Compare(op, a, b),
    };
}
