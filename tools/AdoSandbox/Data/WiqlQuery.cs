using System.Globalization;
using System.Text.RegularExpressions;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>
/// The WIQL subset an id-range pager needs: <c>[System.TeamProject] = 'name' | @project</c>, <c>[System.Id]</c>
/// compared with &gt; &gt;= &lt; &lt;= =, <c>ORDER BY [System.Id] [ASC|DESC]</c>, and the incremental filter
/// <c>[System.ChangedDate] &gt;= 'date'</c> (or &gt;) when it is a top-level AND condition. Other conditions are
/// accepted and ignored (they only ever narrow a real result, so the sandbox returns a superset).
/// </summary>
internal sealed partial record WiqlQuery(
    string? Project, bool UsesProjectMacro, long MinId, long MaxId, bool Descending, IReadOnlyList<string> Columns,
    DateTime? ChangedSince = null, bool ChangedStrictly = false)
{
    public bool Matches(DateTime changed) =>
        ChangedSince is not { } since || (ChangedStrictly ? changed > since : changed >= since);

    public static WiqlQuery? Parse(string wiql)
    {
        var select = SelectPattern().Match(wiql);
        if (!select.Success)
        {
            return null;
        }
        var columns = ColumnPattern().Matches(select.Groups["columns"].Value).Select(m => Canonical(m.Groups[1].Value)).ToList();
        long min = 1, max = long.MaxValue;
        foreach (Match condition in IdPattern().Matches(wiql))
        {
            var value = long.Parse(condition.Groups["value"].Value, CultureInfo.InvariantCulture);
            (min, max) = condition.Groups["op"].Value switch
            {
                ">" => (Math.Max(min, value + 1), max),
                ">=" => (Math.Max(min, value), max),
                "<" => (min, Math.Min(max, value - 1)),
                "<=" => (min, Math.Min(max, value)),
                _ => (Math.Max(min, value), Math.Min(max, value)),
            };
        }
        var project = ProjectPattern().Match(wiql);
        var order = OrderPattern().Match(wiql);
        var (since, strictly) = ChangedSinceOf(wiql);
        return new WiqlQuery(
            project.Groups["name"].Success ? project.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal) : null,
            project.Groups["macro"].Success,
            min,
            max,
            order.Success && order.Groups["dir"].Value.Equals("desc", StringComparison.OrdinalIgnoreCase),
            columns,
            since,
            strictly);
    }

    /// <summary>Only a condition ANDed at the top level narrows the result for sure: parenthesised groups are
    /// dropped first, and a top-level OR disables the filter (the sandbox then returns a superset).</summary>
    private static (DateTime?, bool) ChangedSinceOf(string wiql)
    {
        var where = WherePattern().Match(wiql);
        if (!where.Success)
        {
            return (null, false);
        }

        var text = where.Groups["where"].Value;
        for (var previous = ""; previous != text;)
        {
            previous = text;
            text = GroupPattern().Replace(text, " ");
        }
        var changed = ChangedPattern().Match(text);
        if (!changed.Success || OrPattern().IsMatch(text)
            || !DateTime.TryParse(changed.Groups["value"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var since))
        {
            return (null, false);
        }
        return (since, changed.Groups["op"].Value == ">");
    }

    private static string Canonical(string field) => field.Equals("Id", StringComparison.OrdinalIgnoreCase) ? "System.Id" : field;

    [GeneratedRegex(@"^\s*SELECT\s+(?<columns>.+?)\s+FROM\s+WorkItems\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"\[([^\]]+)\]")]
    private static partial Regex ColumnPattern();

    [GeneratedRegex(@"\[(?:System\.)?Id\]\s*(?<op>>=|<=|>|<|=)\s*(?<value>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\[System\.TeamProject\]\s*=\s*(?:'(?<name>(?:[^']|'')*)'|(?<macro>@project))", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectPattern();

    [GeneratedRegex(@"\bWHERE\b(?<where>.*?)(?:\bORDER\s+BY\b|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WherePattern();

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex GroupPattern();

    [GeneratedRegex(@"\bOR\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrPattern();

    [GeneratedRegex(@"\[System\.ChangedDate\]\s*(?<op>>=|>)\s*'(?<value>[^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex ChangedPattern();

    [GeneratedRegex(@"ORDER\s+BY\s+\[(?:System\.)?Id\](?:\s+(?<dir>asc|desc))?", RegexOptions.IgnoreCase)]
    private static partial Regex OrderPattern();
}
