namespace Runner.Domain.Jq.Syntax;

/// <summary>jq's syntax tree, as the parser builds it and the compiler reads it.</summary>
internal abstract record Ast;

internal sealed record IdentityAst : Ast;

internal sealed record RecurseAst : Ast;

internal sealed record LiteralAst(JqValue Value) : Ast;

/// <summary><c>target[index]</c>, <c>target.name</c>; Optional is the <c>?</c> form.</summary>
internal sealed record IndexAst(Ast Target, Ast Index) : Ast;

internal sealed record SliceAst(Ast Target, Ast? From, Ast? To) : Ast;

internal sealed record IterateAst(Ast Target) : Ast;

/// <summary><c>body?</c> and <c>try body catch handler</c>; a null handler swallows the error.</summary>
internal sealed record TryAst(Ast Body, Ast? Handler) : Ast;

internal sealed record PipeAst(Ast Left, Ast Right) : Ast;

internal sealed record CommaAst(Ast Left, Ast Right) : Ast;

internal sealed record NegateAst(Ast Operand) : Ast;

/// <summary>Arithmetic and comparison: <c>+ - * / % == != &lt; &lt;= &gt; &gt;=</c>.</summary>
internal sealed record BinaryAst(string Op, Ast Left, Ast Right) : Ast;

internal sealed record AndAst(Ast Left, Ast Right) : Ast;

internal sealed record OrAst(Ast Left, Ast Right) : Ast;

internal sealed record AlternativeAst(Ast Left, Ast Right) : Ast;

/// <summary><c>= |= += -= *= /= %= //=</c>.</summary>
internal sealed record AssignAst(string Op, Ast Target, Ast Value) : Ast;

internal sealed record IfAst(Ast Condition, Ast Then, Ast? Else) : Ast;

internal sealed record ArrayAst(Ast? Body) : Ast;

internal sealed record ObjectEntry(Ast Key, Ast? Value);

internal sealed record ObjectAst(IReadOnlyList<ObjectEntry> Entries) : Ast;

/// <summary>A string literal with interpolations; Format (e.g. <c>base64</c>) applies to the interpolated parts only.</summary>
internal sealed record StringAst(string Format, IReadOnlyList<Ast> Parts, IReadOnlyList<bool> Interpolated) : Ast;

/// <summary><c>@name</c> on its own.</summary>
internal sealed record FormatAst(string Name) : Ast;

internal sealed record VariableAst(string Name) : Ast;

internal sealed record CallAst(string Name, IReadOnlyList<Ast> Args) : Ast;

internal sealed record FunctionDef(string Name, IReadOnlyList<string> Parameters, Ast Body);

internal sealed record DefAst(FunctionDef Function, Ast Rest) : Ast;

/// <summary><c>source as p1 ?// p2 … | body</c>.</summary>
internal sealed record BindAst(Ast Source, IReadOnlyList<Pattern> Patterns, Ast Body) : Ast;

internal sealed record ReduceAst(Ast Source, Pattern Pattern, Ast Init, Ast Update) : Ast;

internal sealed record ForeachAst(Ast Source, Pattern Pattern, Ast Init, Ast Update, Ast? Extract) : Ast;

internal sealed record LabelAst(string Name, Ast Body) : Ast;

internal sealed record BreakAst(string Name) : Ast;

/// <summary>A destructuring pattern: <c>$name</c>, <c>[p, …]</c> or <c>{key: p, $name, …}</c>.</summary>
internal abstract record Pattern;

internal sealed record VariablePattern(string Name) : Pattern;

internal sealed record ArrayPattern(IReadOnlyList<Pattern> Items) : Pattern;

/// <summary>Key is an expression giving the key; Bind names a <c>$name</c> also bound to the whole value.</summary>
internal sealed record ObjectPatternEntry(Ast Key, string? Bind, Pattern? Value);

internal sealed record ObjectPattern(IReadOnlyList<ObjectPatternEntry> Entries) : Pattern;
