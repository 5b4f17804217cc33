using System.Collections.Frozen;
using Runner.Domain.Jq.Syntax;

namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// Builtins written in jq itself, as jq's builtin.jq does (these follow jq 1.7.1's definitions). Parsed
/// once; each function is compiled the first time a program uses it and then shared by every program.
/// </summary>
internal static class Library
{
    private const string Source = """
        def values: select(. != null);
        def nulls: select(. == null);
        def booleans: select(type == "boolean");
        def numbers: select(type == "number");
        def strings: select(type == "string");
        def arrays: select(type == "array");
        def objects: select(type == "object");
        def iterables: select(type | . == "array" or . == "object");
        def scalars: select(type | . != "array" and . != "object");
        def finites: select(isinfinite or isnan | not);
        def normals: select(isnormal);
        def map_values(f): .[] |= f;
        def recurse(f; cond): def r: ., (f | select(cond) | r); r;
        def with_entries(f): to_entries | map(f) | from_entries;
        def in(xs): . as $x | xs | has($x);
        def inside(xs): . as $x | xs | contains($x);
        def combinations: if length == 0 then [] else .[0][] as $x | (.[1:] | combinations) as $w | [$x] + $w end;
        def combinations(n): . as $dot | [range(n)] | map($dot) | combinations;
        def walk(f): def w: if type == "object" then map_values(w) elif type == "array" then map(w) else . end | f; w;
        def first: .[0];
        def last: .[-1];
        def last(f): reduce f as $x (null; $x);
        def nth($n): .[$n];
        def nth($n; f): if $n < 0 then error("Out of bounds negative array index") else last(limit($n + 1; f)) end;
        def todateiso8601: strftime("%Y-%m-%dT%H:%M:%SZ");
        def fromdateiso8601: strptime("%Y-%m-%dT%H:%M:%SZ") | mktime;
        def todate: todateiso8601;
        def fromdate: fromdateiso8601;
        def date: todate;
        def dateadd(u; n): . + n;
        def datesub(u; n): . - n;
        def paths: path(..) | select(length > 0);
        def paths(node_filter): . as $dot | paths | select(. as $p | $dot | getpath($p) | node_filter);
        def leaf_paths: paths(scalars);
        def del(f): delpaths([path(f)]);
        def pick(pathexps): . as $top | reduce path(pathexps) as $p (null; setpath($p; $top | getpath($p)));
        def any: reduce .[] as $x (false; . or $x);
        def all: reduce .[] as $x (true; . and $x);
        def any(f): reduce (.[] | f) as $x (false; . or $x);
        def all(f): reduce (.[] | f) as $x (true; . and $x);
        def any(generator; condition): isempty(first(generator | condition or empty)) | not;
        def all(generator; condition): isempty(first(generator | condition and empty));
        def transpose: if . == [] then [] else . as $in | (map(length) | max) as $max | [range(0; $max) as $j | [range(0; $in | length) as $i | $in[$i][$j]]] end;
        def tostream: path(def r: (.[]? | r), .; r) as $p | getpath($p) | reduce path(.[]?) as $q ([$p, .]; [$p + $q]);
        def fromstream(f): { x: null, e: false } as $init
          | foreach f as $i ($init;
              if .e then $init else . end
              | if $i | length == 2
                then setpath(["e"]; $i[0] | length == 0) | setpath(["x"] + $i[0]; $i[1])
                else setpath(["e"]; $i[0] | length == 1) end;
              if .e then .x else empty end);
        def truncate_stream(stream): . as $n | null | stream | . as $input | if (.[0] | length) > $n then setpath([0]; .[0][$n:]) else empty end;
        def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row | idx_expr | tostring] |= $row);
        def INDEX(idx_expr): INDEX(.[]; idx_expr);
        def IN(s): any(s == .; .);
        def IN(src; s): any(src == s; .);
        def ascii: [.] | implode;
        """;

    private static readonly FrozenDictionary<string, FunctionDef> Definitions = Parser.ParseDefinitions(Source)
        .GroupBy(d => $"{d.Name}/{d.Parameters.Count}")
        .ToFrozenDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private static readonly Dictionary<string, FunctionInfo> Compiled = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static IEnumerable<string> Names => Definitions.Keys;

    public static FunctionInfo? Get(string key)
    {
        if (!Definitions.TryGetValue(key, out var def))
        {
            return null;
        }

        lock (Gate)
        {
            if (Compiled.TryGetValue(key, out var info))
            {
                return info;
            }

            info = new FunctionInfo(def.Name, def.Parameters);
            Compiled[key] = info;
            Compiler.CompileLibraryFunction(info, def);
            return info;
        }
    }
}
