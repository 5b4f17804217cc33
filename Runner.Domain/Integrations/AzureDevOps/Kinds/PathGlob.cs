using System.Text;
using System.Text.RegularExpressions;

namespace Runner.Domain.Integrations.AzureDevOps.Kinds;

/// <summary>
/// A repository path pattern as file and folder selectors write it (<c>config/*.json</c>, <c>**/service.yaml</c>):
/// <c>*</c> and <c>?</c> stay within a segment, <c>**</c> spans segments. Paths are rooted (<c>/config/app.json</c>).
/// </summary>
internal sealed class PathGlob
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex? _regex;

    public PathGlob(string pattern)
    {
        Pattern = "/" + pattern.Trim().TrimStart('/');
        var segments = Pattern.Split('/');
        var literal = segments.TakeWhile(s => !IsGlob(s)).ToList();
        IsLiteral = literal.Count == segments.Length;
        // The folder to list from: everything before the first segment with a wildcard.
        BasePath = IsLiteral ? Pattern : "/" + string.Join('/', literal.Skip(1));
        SpansSegments = !IsLiteral && (segments.Length - literal.Count > 1 || Pattern.Contains("**", StringComparison.Ordinal));
        _regex = IsLiteral ? null : new Regex(ToRegex(Pattern), RegexOptions.CultureInvariant, MatchTimeout);
    }

    public string Pattern { get; }
    public bool IsLiteral { get; }
    public string BasePath { get; }

    /// <summary>Matches may lie deeper than one level below <see cref="BasePath"/>: list recursively.</summary>
    public bool SpansSegments { get; }

    public bool Matches(string path) => _regex?.IsMatch(path) ?? string.Equals(path, Pattern, StringComparison.Ordinal);

    private static bool IsGlob(string segment) => segment.AsSpan().IndexOfAny('*', '?') >= 0;

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
            }
        }
        return regex.Append('$').ToString();
    }
}
