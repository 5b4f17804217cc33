using System.Globalization;
using System.Text;

namespace Runner.Tools.AdoSandbox.Http;

/// <summary>How a list's continuation token looks: ADO uses plain integers for some lists (projects,
/// releases) and opaque strings for others (graph); clients must treat both as opaque.</summary>
internal enum TokenStyle
{
    Integer,
    Opaque,
}

internal static class Paging
{
    public const string ContinuationHeader = "x-ms-continuationtoken";

    public static int Top(SandboxOptions options, int? requested) =>
        Math.Clamp(requested is > 0 ? requested.Value : options.DefaultPageSize, 1, options.MaxPageSize);

    /// <summary>
    /// One page over the index space [0, count): scans from the token's index, skips hidden objects and stops
    /// after <paramref name="top"/> items. The token is only absent once the space is exhausted, so the last
    /// page may be short or empty — clients must stop on a missing token, never on a short page.
    /// </summary>
    public static (List<T> Items, string? Next) Continue<T>(long count, string? token, int top, TokenStyle style, Func<long, T?> at)
        where T : class
    {
        var items = new List<T>(Math.Min(top, 1024));
        var i = Decode(token, style);
        for (; i < count && items.Count < top; i++)
        {
            if (at(i) is { } item)
            {
                items.Add(item);
            }
        }
        return (items, i < count ? Encode(i, style) : null);
    }

    /// <summary>$top/$skip paging: $skip counts visible objects, as the real service counts rows it returns.</summary>
    public static List<T> Skip<T>(IEnumerable<T> visible, SandboxOptions options, int? skip, int? top) =>
        visible.Skip(Math.Max(0, skip ?? 0)).Take(Top(options, top)).ToList();

    /// <summary>Turns a $skip into an integer token for lists that accept both (projects).</summary>
    public static string? IndexAfterSkipping(long count, int? skip, Func<int, bool> live)
    {
        if (skip is not > 0)
        {
            return null;
        }
        var seen = 0;
        var i = 0;
        for (; i < count && seen < skip; i++)
        {
            if (live(i))
            {
                seen++;
            }
        }
        return i.ToString(CultureInfo.InvariantCulture);
    }

    public static IResult List<T>(HttpContext context, IReadOnlyCollection<T> items, string? next)
    {
        if (next is not null)
        {
            context.Response.Headers[ContinuationHeader] = next;
        }
        return Json.List(items);
    }

    /// <summary>A token the sandbox never issued is a client bug; the exception handler turns it into a 400.</summary>
    private static long Decode(string? token, TokenStyle style)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }
        var number = token;
        if (style == TokenStyle.Opaque)
        {
            Span<byte> bytes = stackalloc byte[64];
            var text = Convert.TryFromBase64String(token, bytes, out var written) ? Encoding.ASCII.GetString(bytes[..written]) : "";
            number = text.StartsWith("sbx:", StringComparison.Ordinal) ? text[4..] : "";
        }
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new BadHttpRequestException($"Invalid continuation token '{token}'.");
    }

    private static string Encode(long index, TokenStyle style) =>
        style == TokenStyle.Opaque
            ? Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"sbx:{index}")))
            : index.ToString(CultureInfo.InvariantCulture);
}
