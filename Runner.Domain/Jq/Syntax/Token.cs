namespace Runner.Domain.Jq.Syntax;

internal enum TokenKind
{
    End,
    Punct,     // operators and brackets; Text holds them
    Ident,     // names and keywords
    Field,     // .name
    Variable,  // $name ($__loc__ included)
    Number,
    String,    // Parts holds the pieces
    Format,    // @name
}

/// <summary>A piece of a string literal: text, or an interpolation's source range.</summary>
internal sealed record StringPart(string? Text, int Start, int Length);

internal sealed record Token(TokenKind Kind, string Text, int Position, IReadOnlyList<StringPart>? Parts = null)
{
    public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Ident && Text == keyword;
}
