namespace Runner.Domain.Common;

/// <summary>
/// One page of a list keyset-paged by id (ids are version-7 GUIDs, so id order is creation order):
/// at most <see cref="Size"/> items after the cursor, which is the last id of the page before.
/// </summary>
public sealed record PageRequest(int Size, Guid? After)
{
    public const int MaxSize = 500;

    /// <summary>Reads <c>limit</c> and <c>cursor</c> as the client sent them; 400 naming either when it is wrong.</summary>
    public static PageRequest Parse(int? limit, string? cursor, int defaultSize)
    {
        var errors = new ValidationErrors();
        var size = limit ?? defaultSize;
        if (size is < 1 or > MaxSize)
        {
            errors.Add("limit", $"must be between 1 and {MaxSize}");
        }
        Guid? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (Guid.TryParseExact(cursor, "D", out var id))
            {
                after = id;
            }
            else
            {
                errors.Add("cursor", "must be a nextCursor this list returned");
            }
        }
        errors.ThrowIfAny();
        return new PageRequest(size, after);
    }

    /// <summary>Cuts a query result of up to <see cref="Size"/> + 1 items into the page and the cursor of the next one.</summary>
    public Page<T> Cut<T>(IReadOnlyList<T> items, Func<T, Guid> id) =>
        items.Count > Size ? new Page<T>(items.Take(Size).ToList(), id(items[Size - 1]).ToString()) : new Page<T>(items, null);
}
