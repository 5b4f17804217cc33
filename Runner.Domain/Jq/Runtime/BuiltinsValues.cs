using System.Text;

namespace Runner.Domain.Jq.Runtime;

internal static partial class Builtins
{
    private static void AddValueFunctions(Dictionary<string, Func<Node[], Node>> d)
    {
        Fn(d, "length", (_, v) => v.Kind switch
        {
            JqKind.Null => new JqValue(0),
            JqKind.True or JqKind.False => throw Errors.Type(v, "has no length"),
            JqKind.Number => new JqValue(Math.Abs(v.Number)),
            JqKind.String => new JqValue(Strings.CodePointCount(v.AsString())),
            _ => new JqValue(v.Count),
        });
        Fn(d, "utf8bytelength", (_, v) => v.Kind == JqKind.String
            ? new JqValue(Encoding.UTF8.GetByteCount(v.AsString()))
            : throw Errors.Type(v, "only strings have UTF-8 byte length"));
        Fn(d, "type", (_, v) => new JqValue(Errors.KindName(v.Kind)));
        Fn(d, "keys", (_, v) => Keys(v, sorted: true));
        Fn(d, "keys_unsorted", (_, v) => Keys(v, sorted: false));
        Fn(d, "has", (_, v, k) => Has(v, k));
        Fn(d, "contains", (_, v, b) => JqValue.Bool(Contains(v, b)));
        Fn(d, "add", Add);
        Fn(d, "flatten", (c, v) => Flatten(c, v, 1e9));
        Fn(d, "flatten", (c, v, depth) => depth.Kind == JqKind.Number && depth.Number < 0
            ? throw Errors.Error("flatten depth must not be negative")
            : Flatten(c, v, depth.Number));
        Fn(d, "min", (_, v) => Extreme(v, max: false));
        Fn(d, "max", (_, v) => Extreme(v, max: true));
        Fn(d, "sort", (_, v) => new JqValue(JqArray.From(Sortable(v).OrderBy(x => x, JqCompare.Instance).ToArray())));
        Fn(d, "unique", (_, v) => UniqueBy(Sortable(v).Select(x => (x, x)).ToList()));
        Fn(d, "reverse", (_, v) => v.Kind switch
        {
            JqKind.Null => new JqValue(JqArray.Empty),
            JqKind.String => new JqValue(string.Concat(Strings.Explode(v.AsString()).AsArray().ToArray().Reverse().Select(p => char.ConvertFromUtf32((int)p.Number)))),
            JqKind.Array => new JqValue(JqArray.From(v.AsArray().ToArray().Reverse().ToArray())),
            _ => throw Errors.CannotIndex(v, new JqValue(0)),
        });
        Fn(d, "tojson", (c, v) => Allocated(c, new JqValue(JqJson.Serialize(v))));
        Fn(d, "fromjson", (_, v) => v.Kind == JqKind.String ? JqJson.Parse(v.AsString()) : throw Errors.Type(v, "only strings can be parsed"));
        Fn(d, "tostring", (c, v) => v.Kind switch
        {
            JqKind.String => v,
            JqKind.Number => Allocated(c, new JqValue(JqNumbers.Format(v))),
            _ => Allocated(c, new JqValue(JqJson.Serialize(v))),
        });
        Fn(d, "tonumber", (_, v) => ToNumber(v));
        Fn(d, "to_entries", ToEntries);
        Fn(d, "from_entries", FromEntries);
        Fn(d, "join", Join);
        Fn(d, "infinite", (_, _) => new JqValue(double.PositiveInfinity));
        Fn(d, "nan", (_, _) => new JqValue(double.NaN));
        Fn(d, "isinfinite", (_, v) => JqValue.Bool(double.IsInfinity(Number(v))));
        Fn(d, "isnan", (_, v) => JqValue.Bool(double.IsNaN(Number(v))));
        Fn(d, "isnormal", (_, v) => JqValue.Bool(double.IsNormal(Number(v))));
        Fn(d, "abs", (_, v) => v.Kind == JqKind.Number
            ? (v.Number < 0 ? new JqValue(-v.Number) : v)
            : throw Errors.Type(v, "has no absolute value"));
        Fn(d, "indices", (_, v, i) => Indices(v, i));
        Fn(d, "index", (_, v, i) => Indices(v, i) is { Kind: JqKind.Array } r ? r.Index(0) : JqValue.Null);
        Fn(d, "rindex", (_, v, i) => Indices(v, i) is { Kind: JqKind.Array } r ? r.Index(-1) : JqValue.Null);
        Fn(d, "bsearch", (_, v, target) => BinarySearch(v, target));
        Fn(d, "ascii", (_, v) => v.Kind == JqKind.Number ? new JqValue(((char)(int)v.Number).ToString()) : throw Errors.Type(v, "is not a number"));
        Fn(d, "now", (_, _) => new JqValue(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0));
    }

    private static JqValue BinarySearch(JqValue v, JqValue target)
    {
        if (v.Kind != JqKind.Array)
        {
            throw Errors.Type(v, "cannot be searched from");
        }

        var items = v.AsArray();
        int low = 0, high = items.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var c = JqCompare.Order(items[mid], target);
            if (c == 0)
            {
                return new JqValue(mid);
            }

            if (c < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return new JqValue(-1 - low);
    }

    private static JqValue Allocated(Context c, JqValue s)
    {
        c.Allocate(2L * s.AsString().Length);
        return s;
    }

    private static double Number(JqValue v) => v.Kind == JqKind.Number ? v.Number : throw Errors.Type(v, "number required");

    private static JqValue Keys(JqValue v, bool sorted)
    {
        switch (v.Kind)
        {
            case JqKind.Object:
                var o = v.AsObject();
                var keys = sorted ? JqCompare.SortedKeys(o) : Enumerable.Range(0, o.Count).Select(o.KeyAt).ToArray();
                return new JqValue(JqArray.From(keys.Select(k => new JqValue(k)).ToArray()));
            case JqKind.Array:
                return new JqValue(JqArray.From(Enumerable.Range(0, v.Count).Select(i => new JqValue(i)).ToArray()));
            default:
                throw Errors.Type(v, "has no keys");
        }
    }

    private static JqValue Has(JqValue v, JqValue k)
    {
        if (v.Kind == JqKind.Null)
        {
            return JqValue.False;
        }

        if (v.Kind == JqKind.Object && k.Kind == JqKind.String)
        {
            return JqValue.Bool(v.HasField(k.AsString()));
        }

        if (v.Kind == JqKind.Array && k.Kind == JqKind.Number)
        {
            return JqValue.Bool(k.Number >= 0 && k.Number < v.Count);
        }

        throw Errors.Error($"Cannot check whether {Errors.KindName(v.Kind)} has a {Errors.KindName(k.Kind)} key");
    }

    internal static bool Contains(JqValue a, JqValue b)
    {
        JqStack.Ensure();
        if (a.Kind != b.Kind)
        {
            throw Errors.Binary(a, b, "cannot have their containment checked");
        }

        switch (a.Kind)
        {
            case JqKind.Object:
                var bo = b.AsObject();
                for (var i = 0; i < bo.Count; i++)
                {
                    if (!a.HasField(bo.KeyAt(i)) || !Contains(a.Field(bo.KeyAt(i)), bo.ValueAt(i)))
                    {
                        return false;
                    }
                }

                return true;
            case JqKind.Array:
                var items = a.AsArray();
                foreach (var needle in b.AsArray().Span)
                {
                    var found = false;
                    foreach (var item in items.Span)
                    {
                        if (item.Kind == needle.Kind && Contains(item, needle))
                        {
                            found = true;
                            break;
                        }
                    }

                    if (!found)
                    {
                        return false;
                    }
                }

                return true;
            case JqKind.String:
                return a.AsString().Contains(b.AsString(), StringComparison.Ordinal);
            default:
                return JqCompare.AreEqual(a, b);
        }
    }

    private static JqValue Add(Context c, JqValue v)
    {
        if (v.Kind is not (JqKind.Array or JqKind.Object))
        {
            throw Errors.CannotIterate(v);
        }

        var items = v.Kind == JqKind.Array ? v.AsArray().ToArray() : Enumerable.Range(0, v.Count).Select(v.AsObject().ValueAt).ToArray();
        if (items.Length > 1 && items.All(x => x.Kind == JqKind.String))
        {
            var b = new StringBuilder();
            foreach (var item in items)
            {
                b.Append(item.AsString());
            }

            c.Allocate(2L * b.Length);
            return new JqValue(b.ToString());
        }

        var acc = JqValue.Null;
        foreach (var item in items)
        {
            c.Step();
            acc = Ops.Add(c, acc, item);
        }

        return acc;
    }

    private static JqValue Flatten(Context c, JqValue v, double depth)
    {
        if (v.Kind is not (JqKind.Array or JqKind.Object))
        {
            throw Errors.CannotIterate(v);
        }

        var result = new List<JqValue>();
        Into(v, depth);
        c.Allocate(16L * result.Count);
        return new JqValue(JqArray.From(result));

        void Into(JqValue x, double level)
        {
            JqStack.Ensure();
            var items = x.Kind == JqKind.Array ? x.AsArray().ToArray() : Enumerable.Range(0, x.Count).Select(x.AsObject().ValueAt).ToArray();
            foreach (var item in items)
            {
                if (item.Kind == JqKind.Array && level > 0)
                {
                    Into(item, level - 1);
                }
                else
                {
                    result.Add(item);
                }
            }
        }
    }

    private static JqValue[] Sortable(JqValue v) => v.Kind == JqKind.Array
        ? v.AsArray().ToArray()
        : throw Errors.Type(v, "cannot be sorted, as it is not an array");

    private static JqValue Extreme(JqValue v, bool max)
    {
        var items = v.Kind == JqKind.Array ? v.AsArray().ToArray() : throw Errors.CannotIterate(v);
        return MinBy(items.Select(x => (x, x)).ToList(), max);
    }

    private static JqValue SortBy(List<(JqValue Key, JqValue Item)> pairs) =>
        new(JqArray.From(pairs.OrderBy(p => p.Key, JqCompare.Instance).Select(p => p.Item).ToArray()));

    private static JqValue GroupBy(List<(JqValue Key, JqValue Item)> pairs)
    {
        var groups = new List<JqValue>();
        List<JqValue>? current = null;
        JqValue last = default;
        foreach (var (key, item) in pairs.OrderBy(p => p.Key, JqCompare.Instance))
        {
            if (current is null || !JqCompare.AreEqual(key, last))
            {
                if (current is not null)
                {
                    groups.Add(new JqValue(JqArray.From(current)));
                }

                current = [];
                last = key;
            }

            current.Add(item);
        }

        if (current is not null)
        {
            groups.Add(new JqValue(JqArray.From(current)));
        }

        return new JqValue(JqArray.From(groups));
    }

    private static JqValue UniqueBy(List<(JqValue Key, JqValue Item)> pairs)
    {
        var result = new List<JqValue>();
        var first = true;
        JqValue last = default;
        foreach (var (key, item) in pairs.OrderBy(p => p.Key, JqCompare.Instance))
        {
            if (first || !JqCompare.AreEqual(key, last))
            {
                result.Add(item);
                last = key;
                first = false;
            }
        }

        return new JqValue(JqArray.From(result));
    }

    // jq keeps the first minimum and the last maximum.
    private static JqValue MinBy(List<(JqValue Key, JqValue Item)> pairs, bool max)
    {
        if (pairs.Count == 0)
        {
            return JqValue.Null;
        }

        var best = pairs[0];
        for (var i = 1; i < pairs.Count; i++)
        {
            var cmp = JqCompare.Order(pairs[i].Key, best.Key);
            if (max ? cmp >= 0 : cmp < 0)
            {
                best = pairs[i];
            }
        }

        return best.Item;
    }

    private static JqValue ToNumber(JqValue v)
    {
        if (v.Kind == JqKind.Number)
        {
            return v;
        }

        if (v.Kind != JqKind.String)
        {
            throw Errors.Type(v, "cannot be parsed as a number");
        }

        var s = v.AsString();
        if (s.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(s, @"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            return JqValue.FromLiteral(s);
        }

        if (s is "nan" or "-nan")
        {
            return new JqValue(double.NaN);
        }

        throw Errors.Type(v, "cannot be parsed as a number");
    }

    private static JqValue ToEntries(Context c, JqValue v)
    {
        if (v.Kind != JqKind.Object)
        {
            if (v.Kind == JqKind.Array)
            {
                return new JqValue(JqArray.From(Enumerable.Range(0, v.Count).Select(i => Entry(new JqValue(i), v.Index(i))).ToArray()));
            }

            throw Errors.Type(v, "has no keys");
        }

        var o = v.AsObject();
        c.Allocate(64L * o.Count);
        var entries = new JqValue[o.Count];
        for (var i = 0; i < o.Count; i++)
        {
            entries[i] = Entry(new JqValue(o.KeyAt(i)), o.ValueAt(i));
        }

        return new JqValue(JqArray.From(entries));
    }

    private static JqValue Entry(JqValue key, JqValue value)
    {
        var entry = new JqObject(2);
        entry.Set("key", key);
        entry.Set("value", value);
        return new JqValue(entry);
    }

    private static readonly string[] KeyNames = ["key", "k", "name", "Name", "K", "Key"];

    private static JqValue FromEntries(Context c, JqValue v)
    {
        if (v.Kind is not (JqKind.Array or JqKind.Object))
        {
            throw Errors.CannotIterate(v);
        }

        var items = v.Kind == JqKind.Array ? v.AsArray().ToArray() : Enumerable.Range(0, v.Count).Select(v.AsObject().ValueAt).ToArray();
        var result = new JqObject(items.Length);
        c.Allocate(32L * items.Length);
        foreach (var x in items)
        {
            if (x.Kind is not (JqKind.Object or JqKind.Null))
            {
                throw Errors.CannotIndex(x, new JqValue("key"));
            }

            var key = JqValue.Null;
            foreach (var name in KeyNames)
            {
                key = x.Kind == JqKind.Null ? JqValue.Null : x.Field(name);
                if (key.IsTruthy)
                {
                    break;
                }
            }

            if (x.Kind == JqKind.Object && x.Field("key") is { Kind: JqKind.False } f)
            {
                key = f;
            }

            var value = x.Kind == JqKind.Null ? JqValue.Null : x.HasField("value") ? x.Field("value") : x.Field("v");
            var name2 = key.Kind switch
            {
                JqKind.String => key.AsString(),
                JqKind.Null => "null",
                JqKind.Number or JqKind.True or JqKind.False => JqJson.Serialize(key),
                _ => throw Errors.Error($"Cannot use {Errors.Describe(key)} as object key"),
            };
            result.Set(name2, value);
        }

        return new JqValue(result);
    }

    private static JqValue Join(Context c, JqValue v, JqValue separator)
    {
        if (v.Kind is not (JqKind.Array or JqKind.Object))
        {
            throw Errors.CannotIterate(v);
        }

        var items = v.Kind == JqKind.Array ? v.AsArray().ToArray() : Enumerable.Range(0, v.Count).Select(v.AsObject().ValueAt).ToArray();
        if (items.Length == 0)
        {
            return JqValue.EmptyString;
        }

        var acc = JqValue.Null;
        foreach (var item in items)
        {
            c.Step();
            var prefix = acc.Kind == JqKind.Null ? JqValue.EmptyString : Ops.Add(c, acc, separator);
            var text = item.Kind switch
            {
                JqKind.Null => JqValue.EmptyString,
                JqKind.True or JqKind.False or JqKind.Number => new JqValue(JqJson.Serialize(item)),
                _ => item,
            };
            acc = Ops.Add(c, prefix, text);
        }

        return acc;
    }

    private static JqValue Indices(JqValue v, JqValue i)
    {
        if (v.Kind == JqKind.Null)
        {
            return JqValue.Null;
        }

        if (v.Kind == JqKind.Array)
        {
            return ArrayIndices(v, i.Kind == JqKind.Array ? i : new JqValue(JqArray.From(i)));
        }

        if (v.Kind == JqKind.String && i.Kind == JqKind.String)
        {
            return Strings.Indices(v.AsString(), i.AsString());
        }

        throw Errors.CannotIndex(v, i.Kind == JqKind.Array ? i : new JqValue(JqArray.Empty));
    }

    internal static JqValue ArrayIndices(JqValue target, JqValue needle)
    {
        var a = target.AsArray();
        var b = needle.AsArray();
        if (b.Count == 0)
        {
            return JqValue.Null;
        }

        var result = new List<JqValue>();
        for (var i = 0; i + b.Count <= a.Count; i++)
        {
            var match = true;
            for (var j = 0; j < b.Count && match; j++)
            {
                match = JqCompare.AreEqual(a[i + j], b[j]);
            }

            if (match)
            {
                result.Add(new JqValue(i));
            }
        }

        return new JqValue(JqArray.From(result));
    }
}
