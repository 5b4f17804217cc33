namespace Runner.Domain.Jq.Runtime;

/// <summary>getpath, setpath and delpaths as jq defines them (jv_getpath, jv_setpath, jv_delpaths).</summary>
internal static class Paths
{
    public static JqValue Get(Context c, JqValue value, JqValue path)
    {
        if (path.Kind == JqKind.Null)
        {
            return value;
        }

        if (path.Kind != JqKind.Array)
        {
            throw Errors.Error("Path must be specified as an array");
        }

        foreach (var key in path.AsArray().Span)
        {
            if (value.Kind == JqKind.Null)
            {
                return JqValue.Null;
            }

            value = Ops.Index(c, value, key);
        }

        return value;
    }

    public static JqValue Set(Context c, JqValue value, JqValue path, JqValue replacement)
    {
        if (path.Kind != JqKind.Array)
        {
            throw Errors.Error("Path must be specified as an array");
        }

        return Set(c, value, path.AsArray(), 0, replacement);
    }

    private static JqValue Set(Context c, JqValue value, JqArray path, int i, JqValue replacement)
    {
        if (i == path.Count)
        {
            return replacement;
        }

        JqStack.Ensure();
        var key = path[i];
        var child = value.Kind == JqKind.Null ? JqValue.Null : Ops.Index(c, value, key);
        return Put(c, value, key, Set(c, child, path, i + 1, replacement));
    }

    /// <summary>jv_set: one key of a container replaced (null becomes an object or array as the key asks).</summary>
    public static JqValue Put(Context c, JqValue target, JqValue key, JqValue value)
    {
        switch (key.Kind)
        {
            case JqKind.String when target.Kind is JqKind.Object or JqKind.Null:
            {
                var o = target.Kind == JqKind.Null ? new JqObject(1) : target.AsObject().Copy(1);
                c.Allocate(32L * (o.Count + 1));
                o.Set(key.AsString(), value);
                return new JqValue(o);
            }

            case JqKind.Number when target.Kind is JqKind.Array or JqKind.Null:
            {
                var items = target.Kind == JqKind.Null ? [] : target.AsArray().ToArray();
                var index = double.IsNaN(key.Number) ? 0 : (long)Math.Floor(key.Number);
                if (index < 0)
                {
                    index += items.Length;
                    if (index < 0)
                    {
                        throw Errors.Error("Out of bounds negative array index");
                    }
                }

                c.Allocate(16L * Math.Max(items.Length, index + 1));
                if (index >= items.Length)
                {
                    Array.Resize(ref items, (int)index + 1);
                }

                items[index] = value;
                return new JqValue(JqArray.From(items));
            }

            case JqKind.Object when target.Kind is JqKind.Array or JqKind.Null:
            {
                if (value.Kind != JqKind.Array)
                {
                    throw Errors.Error("A slice of an array can only be assigned another array");
                }

                var items = target.Kind == JqKind.Null ? [] : target.AsArray().ToArray();
                var (start, end) = Ops.SliceBounds(items.Length, key.Field("start"), key.Field("end"));
                var inserted = value.AsArray();
                c.Allocate(16L * (items.Length + inserted.Count));
                var result = new List<JqValue>(items.Length - (end - start) + inserted.Count);
                result.AddRange(items.AsSpan(0, start));
                result.AddRange(inserted.Span);
                result.AddRange(items.AsSpan(end));
                return new JqValue(JqArray.From(result));
            }

            default:
                if (key.Kind == JqKind.Object)
                {
                    throw Errors.Error($"Cannot update field at object index of {Errors.KindName(target.Kind)}");
                }

                throw Errors.CannotIndex(target, key);
        }
    }

    public static JqValue Delete(Context c, JqValue value, JqValue paths)
    {
        if (paths.Kind != JqKind.Array)
        {
            throw Errors.Error("Paths must be specified as an array");
        }

        var list = paths.AsArray().ToArray();
        Array.Sort(list, JqCompare.Instance);
        for (var i = list.Length - 1; i >= 0; i--)
        {
            if (list[i].Kind != JqKind.Array)
            {
                throw Errors.Error("Path must be specified as an array");
            }

            value = DeletePath(c, value, list[i].AsArray(), 0);
        }

        return value;
    }

    private static JqValue DeletePath(Context c, JqValue value, JqArray path, int i)
    {
        if (path.Count == 0)
        {
            return JqValue.Null;
        }

        if (value.Kind == JqKind.Null)
        {
            return value;
        }

        var key = path[i];
        if (i == path.Count - 1)
        {
            return DeleteKey(c, value, key);
        }

        var child = Ops.Index(c, value, key);
        if (child.Kind == JqKind.Null)
        {
            return value;
        }

        return Put(c, value, key, DeletePath(c, child, path, i + 1));
    }

    private static JqValue DeleteKey(Context c, JqValue value, JqValue key)
    {
        switch (value.Kind)
        {
            case JqKind.Object when key.Kind == JqKind.String:
                return new JqValue(value.AsObject().Without(key.AsString()));
            case JqKind.Array when key.Kind == JqKind.Number:
            {
                var items = value.AsArray();
                var index = (int)Math.Floor(key.Number);
                if (index < 0)
                {
                    index += items.Count;
                    if (index < 0)
                    {
                        throw Errors.Error("Out of bounds negative array index");
                    }
                }

                if (index >= items.Count)
                {
                    return value;
                }

                var list = items.ToArray().ToList();
                list.RemoveAt(index);
                c.Allocate(16L * list.Count);
                return new JqValue(JqArray.From(list));
            }

            case JqKind.Array when key.Kind == JqKind.Object:
            {
                var items = value.AsArray();
                var (start, end) = Ops.SliceBounds(items.Count, key.Field("start"), key.Field("end"));
                var list = items.ToArray().ToList();
                list.RemoveRange(start, end - start);
                return new JqValue(JqArray.From(list));
            }

            default:
                throw key.Kind == JqKind.String
                    ? Errors.Error($"Cannot delete field at object index of {Errors.KindName(value.Kind)}")
                    : Errors.Error($"Cannot delete field at index of {Errors.KindName(value.Kind)}");
        }
    }

    public static List<JqValue> Collect(Context c, Env? e, Node paths, JqValue input)
    {
        var list = new List<JqValue>();
        BreakSignal.ThrowIfBreak(c.Drive(paths.RunPath(c, e, input, null, (_, p) =>
        {
            list.Add(JqPath.ToArray(p));
            return Flow.Continue;
        })));
        return list;
    }
}
