using System.Globalization;
using System.Text.RegularExpressions;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>
/// The WIQL subset an id-range pager needs: <c>[System.TeamProject] = 'name' | @project</c>, <c>[System.Id]</c>
/// compared with &gt; &gt;= &lt; &lt;= =, and <c>ORDER BY [System.Id] [ASC|DESC]</c>. Other conditions are accepted
/// and ignored (they only ever narrow a real result, so the sandbox returns a superset).
/// </summary>
internal sealed partial record WiqlQuery(string? Project, bool UsesProjectMacro, long MinId, long MaxId, bool Descending, IReadOnlyList<string> Columns)
{
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
        return new WiqlQuery(
            project.Groups["name"].Success ? project.Groups["name"].Value.Replace("''", "'", StringComparison.Ordinal) : null,
            project.Groups["macro"].Success,
            min,
            max,
            order.Success && order.Groups["dir"].Value.Equals("desc", StringComparison.OrdinalIgnoreCase),
            columns);
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

    [GeneratedRegex(@"ORDER\s+BY\s+\[(?:System\.)?Id\](?:\s+(?<dir>asc|desc))?", RegexOptions.IgnoreCase)]
    private static partial Regex OrderPattern();
}
