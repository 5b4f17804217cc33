using Runner.Domain.Jq.Runtime;
using Runner.Domain.Jq.Syntax;

namespace Runner.Domain.Jq;

/// <summary>
/// Turns the syntax tree into nodes once. Names are resolved here: a variable or filter parameter to the
/// number of frames up from the use, a function to its definition; anything not defined by the program is
/// a builtin (native, or from the jq-defined library). A call to a program's own function that does not
/// recurse is compiled in place (inlined): its filter arguments become the caller's code, a literal
/// <c>$parameter</c> a constant, so the call costs no frames, closures or tail-call round trips at run time.
/// </summary>
internal sealed class Compiler
{
    private enum EntryKind
    {
        Variable,
        Parameter,
        Label,
        Function,

        // Inlining: the definition's names seen from a deeper frame (Depth is the use's, nothing matches it),
        // a filter argument compiled where it is used (Code in CodeScope), a $parameter given a literal (Value).
        Shift,
        Argument,
        Constant,
    }

    /// <summary>One name in scope; Depth counts run-time frames up to and including it.</summary>
    private sealed record Scope(Scope? Parent, EntryKind Kind, string Name, int Depth, int Arity = 0, FunctionInfo? Function = null,
        FunctionDef? Definition = null, Ast? Code = null, Scope? CodeScope = null, JqValue Value = default)
    {
        public static int DepthOf(Scope? s) => s?.Depth ?? 0;

        public static Scope Shift(Scope? names, int depth) => new(names, EntryKind.Shift, "", depth);
    }

    // Inlining copies a body per call and an argument per use: past this many compiled syntax nodes, calls stay calls,
    // so a program that nests calls to multiply its size compiles in bounded time and memory.
    private const int InlineBudget = 20_000;
    private int compiledNodes;

    private readonly bool library;

    // Functions whose bodies are being compiled: a call to one of them makes it recursive.
    private readonly HashSet<FunctionInfo> compiling = [];

    private Compiler(bool library)
    {
        this.library = library;
    }

    public static Node CompileProgram(Ast ast, IReadOnlyList<string> globals)
    {
        Scope? scope = null;
        foreach (var name in globals)
        {
            scope = new Scope(scope, EntryKind.Variable, name, Scope.DepthOf(scope) + 1);
        }

        return new Compiler(false).Compile(ast, scope);
    }

    public static void CompileLibraryFunction(FunctionInfo info, FunctionDef def)
    {
        var compiler = new Compiler(true);
        info.Body = compiler.Compile(def.Body, compiler.PushParameters(null, def.Parameters));
    }

    private Scope? PushParameters(Scope? scope, IReadOnlyList<string> parameters)
    {
        foreach (var p in parameters)
        {
            var name = p.TrimStart('$');
            scope = new Scope(scope, EntryKind.Parameter, name, Scope.DepthOf(scope) + 1);
            if (p.StartsWith('$'))
            {
                scope = new Scope(scope, EntryKind.Variable, name, Scope.DepthOf(scope) + 1);
            }
        }

        return scope;
    }

    private Node Compile(Ast ast, Scope? scope)
    {
        compiledNodes++;
        switch (ast)
        {
            case IdentityAst:
                return IdentityNode.Instance;
            case RecurseAst:
                return Builtins.Recurse(new TryNode(new IterateNode(IdentityNode.Instance), null));
            case LiteralAst literal:
                return new LiteralNode(literal.Value);
            case IndexAst { Index: LiteralAst { Value.Kind: JqKind.String } name } index:
                return new FieldNode(Compile(index.Target, scope), name.Value.AsString());
            case IndexAst index:
                return new IndexNode(Compile(index.Target, scope), Compile(index.Index, scope));
            case SliceAst slice:
                return new SliceNode(Compile(slice.Target, scope), slice.From is null ? null : Compile(slice.From, scope), slice.To is null ? null : Compile(slice.To, scope));
            case IterateAst iterate:
                return new IterateNode(Compile(iterate.Target, scope));
            case TryAst t:
                return new TryNode(Compile(t.Body, scope), t.Handler is null ? null : Compile(t.Handler, scope));
            case PipeAst { Left: ArrayAst { Body: { } body }, Right: IndexAst { Target: IdentityAst, Index: LiteralAst { Value: { Kind: JqKind.Number, Number: 0 } } } }:
                // Port's field wrapper `[try first(f) catch …] | .[0]`: the first output without building the array.
                return new FirstOrNullNode(Compile(body, scope));
            case PipeAst pipe:
                return new PipeNode(Compile(pipe.Left, scope), Compile(pipe.Right, scope));
            case CommaAst comma:
                return new CommaNode(Compile(comma.Left, scope), Compile(comma.Right, scope));
            case NegateAst negate:
                return new NegateNode(Compile(negate.Operand, scope));
            case BinaryAst { Op: "+" } sum:
                return Sum(sum, scope);
            case BinaryAst binary:
                return new BinaryNode(binary.Op, Compile(binary.Left, scope), Compile(binary.Right, scope));
            case AndAst and:
                return new AndNode(Compile(and.Left, scope), Compile(and.Right, scope), isOr: false);
            case OrAst or:
                return new AndNode(Compile(or.Left, scope), Compile(or.Right, scope), isOr: true);
            case AlternativeAst alt:
                return new AlternativeNode(Compile(alt.Left, scope), Compile(alt.Right, scope));
            case AssignAst assign:
                return Assignments.Create(assign.Op, Compile(assign.Target, scope), Compile(assign.Value, scope));
            case IfAst @if:
                return new IfNode(Compile(@if.Condition, scope), Compile(@if.Then, scope), @if.Else is null ? null : Compile(@if.Else, scope));
            case ArrayAst array:
                return new ArrayNode(array.Body is null ? null : Compile(array.Body, scope));
            case ObjectAst obj:
                return new ObjectNode([.. obj.Entries.Select(x => new ObjectEntryNode(Compile(x.Key, scope), Compile(x.Value!, scope)))]);
            case StringAst s:
                return new StringNode(s.Format, [.. s.Parts.Select(p => Compile(p, scope))], [.. s.Interpolated]);
            case FormatAst f:
                Formats.Check(f.Name);
                return new FormatNode(f.Name);
            case VariableAst v:
                return Variable(v.Name, scope);
            case CallAst call:
                return Call(call, scope);
            case DefAst def:
                return Compile(def.Rest, Define(def.Function, scope));
            case BindAst bind:
                return CompileBind(bind, scope);
            case ReduceAst reduce:
            {
                var (pattern, slots, inner) = CompilePatterns([reduce.Pattern], scope);
                return new ReduceNode(Compile(reduce.Source, scope), pattern[0], slots, Compile(reduce.Init, scope), Compile(reduce.Update, inner));
            }
            case ForeachAst loop:
            {
                var (pattern, slots, inner) = CompilePatterns([loop.Pattern], scope);
                return new ForeachNode(Compile(loop.Source, scope), pattern[0], slots, Compile(loop.Init, scope), Compile(loop.Update, inner),
                    loop.Extract is null ? null : Compile(loop.Extract, inner));
            }
            case LabelAst label:
                return new LabelNode(Compile(label.Body, new Scope(scope, EntryKind.Label, label.Name, Scope.DepthOf(scope) + 1)));
            case BreakAst brk:
                for (var s = scope; s is not null; s = s.Parent)
                {
                    if (s.Kind == EntryKind.Label && s.Name == brk.Name)
                    {
                        return new BreakNode(Scope.DepthOf(scope) - s.Depth);
                    }
                }

                throw new JqCompileException($"$*label-{brk.Name} is not defined");
            default:
                throw new JqCompileException($"unsupported syntax {ast.GetType().Name}");
        }
    }

    /// <summary>A chain of <c>+</c> (left-associative) as one node per up to <see cref="SumNode.MaxTerms"/> terms.</summary>
    private Node Sum(BinaryAst sum, Scope? scope)
    {
        var rights = new List<Ast>();
        Ast left = sum;
        while (left is BinaryAst { Op: "+" } add)
        {
            rights.Add(add.Right);
            left = add.Left;
        }

        rights.Reverse();
        var terms = new List<Node> { Compile(left, scope) };
        terms.AddRange(rights.Select(r => Compile(r, scope)));
        var node = terms[0];
        var chunk = new List<Node> { node };
        for (var i = 1; i < terms.Count; i++)
        {
            node = new BinaryNode("+", node, terms[i]);
            chunk.Add(terms[i]);
            if (chunk.Count == SumNode.MaxTerms || i == terms.Count - 1)
            {
                node = chunk.Count > 2 ? new SumNode([.. chunk], node) : node;
                chunk = [node];
            }
        }

        return node;
    }

    private Node Variable(string name, Scope? scope)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Kind == EntryKind.Variable && s.Name == name)
            {
                return new VariableNode(Scope.DepthOf(scope) - s.Depth);
            }

            if (s.Kind == EntryKind.Constant && s.Name == name)
            {
                return new LiteralNode(s.Value);
            }
        }

        if (name == "ENV")
        {
            return Builtins.Environment();
        }

        throw new JqCompileException($"${name} is not defined");
    }

    private Scope Define(FunctionDef def, Scope? scope)
    {
        var info = new FunctionInfo(def.Name, def.Parameters);
        var entry = new Scope(scope, EntryKind.Function, def.Name, Scope.DepthOf(scope), def.Parameters.Count, info, def);
        compiling.Add(info);
        info.Body = Compile(def.Body, PushParameters(entry, def.Parameters));
        compiling.Remove(info);
        return entry;
    }

    private Node Call(CallAst call, Scope? scope)
    {
        var arity = call.Args.Count;
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Kind == EntryKind.Parameter && arity == 0 && s.Name == call.Name)
            {
                return new ParameterCallNode(Scope.DepthOf(scope) - s.Depth);
            }

            if (s.Kind == EntryKind.Argument && arity == 0 && s.Name == call.Name)
            {
                return Compile(s.Code!, Scope.Shift(s.CodeScope, Scope.DepthOf(scope)));
            }

            if (s.Kind == EntryKind.Function && s.Arity == arity && s.Name == call.Name)
            {
                if (compiling.Contains(s.Function!))
                {
                    s.Function!.Recursive = true;
                }
                else if (!s.Function!.Recursive && compiledNodes < InlineBudget)
                {
                    return Inline(s, call.Args, scope);
                }

                return new CallNode(s.Function!, Scope.DepthOf(scope) - s.Depth, [.. call.Args.Select(a => Compile(a, scope))]);
            }
        }

        var args = call.Args.Select(a => Compile(a, scope)).ToArray();
        return Builtins.Create(call.Name, args, library)
            ?? throw new JqCompileException($"{call.Name}/{arity} is not defined");
    }

    /// <summary>
    /// The body in the caller's frame, seeing the names of its definition. <c>def f($a): body</c> is jq's
    /// <c>def f(a): a as $a | body</c>: a literal argument is a constant, any other is bound (the first outermost).
    /// </summary>
    private Node Inline(Scope definition, IReadOnlyList<Ast> args, Scope? caller)
    {
        var def = definition.Definition!;
        var inner = Scope.Shift(definition, Scope.DepthOf(caller));
        var sources = new List<Node>();
        for (var i = 0; i < args.Count; i++)
        {
            var parameter = def.Parameters[i];
            var name = parameter.TrimStart('$');
            inner = new Scope(inner, EntryKind.Argument, name, Scope.DepthOf(inner), Code: args[i], CodeScope: caller);
            if (!parameter.StartsWith('$'))
            {
                continue;
            }

            var source = Compile(args[i], Scope.Shift(caller, Scope.DepthOf(inner)));
            if (source is LiteralNode literal)
            {
                inner = new Scope(inner, EntryKind.Constant, name, Scope.DepthOf(inner), Value: literal.Value);
                continue;
            }

            sources.Add(source);
            inner = new Scope(inner, EntryKind.Variable, name, Scope.DepthOf(inner) + 1);
        }

        var body = Compile(def.Body, inner);
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            body = new BindNode(sources[i], [new VariablePatternNode(0)], 1, body);
        }

        return body;
    }

    private Node CompileBind(BindAst bind, Scope? scope)
    {
        var (patterns, slots, inner) = CompilePatterns(bind.Patterns, scope);
        return new BindNode(Compile(bind.Source, scope), patterns, slots, Compile(bind.Body, inner));
    }

    private (PatternNode[] Patterns, int Slots, Scope? Inner) CompilePatterns(IReadOnlyList<Pattern> patterns, Scope? scope)
    {
        var names = new List<string>();
        foreach (var p in patterns)
        {
            CollectNames(p, names);
        }

        var compiled = patterns.Select(p => CompilePattern(p, names, scope)).ToArray();
        var inner = scope;
        foreach (var name in names)
        {
            inner = new Scope(inner, EntryKind.Variable, name, Scope.DepthOf(inner) + 1);
        }

        return (compiled, names.Count, inner);
    }

    private static void CollectNames(Pattern p, List<string> names)
    {
        switch (p)
        {
            case VariablePattern v:
                if (!names.Contains(v.Name))
                {
                    names.Add(v.Name);
                }

                break;
            case ArrayPattern a:
                foreach (var item in a.Items)
                {
                    CollectNames(item, names);
                }

                break;
            case ObjectPattern o:
                foreach (var entry in o.Entries)
                {
                    if (entry.Bind is { } bound && !names.Contains(bound))
                    {
                        names.Add(bound);
                    }

                    if (entry.Value is not null)
                    {
                        CollectNames(entry.Value, names);
                    }
                }

                break;
        }
    }

    private PatternNode CompilePattern(Pattern p, List<string> names, Scope? scope) => p switch
    {
        VariablePattern v => new VariablePatternNode(names.IndexOf(v.Name)),
        ArrayPattern a => new ArrayPatternNode([.. a.Items.Select(x => CompilePattern(x, names, scope))]),
        ObjectPattern o => new ObjectPatternNode([.. o.Entries.Select(x => new ObjectPatternEntryNode(
            Compile(x.Key, scope),
            x.Bind is null ? -1 : names.IndexOf(x.Bind),
            x.Value is null ? null : CompilePattern(x.Value, names, scope)))]),
        _ => throw new JqCompileException("unsupported pattern"),
    };
}
