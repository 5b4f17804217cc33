using Microsoft.EntityFrameworkCore;
using Runner.Domain.Common;
using Runner.Domain.Persistence;

namespace Runner.Domain.Catalog;

/// <summary>Reading the catalog: a blueprint's entities page by page (keyset on identifier), or one entity.</summary>
public sealed class CatalogQueries(RunnerDbContext db)
{
    public const int MaxPageSize = 500;

    public sealed record Page(IReadOnlyList<CatalogEntity> Items, string? NextCursor);

    public async Task<Page> ListAsync(string blueprint, Guid? installationId, string? search, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var size = limit ?? 100;
        if (size is < 1 or > MaxPageSize)
        {
            errors.Add("limit", $"must be between 1 and {MaxPageSize}");
        }
        TextRules.Check(search, "search", InputLimits.MaxQueryTextLength, errors);
        TextRules.Check(cursor, "cursor", InputLimits.MaxQueryTextLength, errors);
        errors.ThrowIfAny();
        if (!await db.Blueprints.AnyAsync(b => b.Identifier == blueprint, ct))
        {
            throw new NotFoundException($"Blueprint '{blueprint}'");
        }

        var query = db.Entities.AsNoTracking().Where(e => e.Blueprint == blueprint);
        if (installationId is { } installation)
        {
            query = query.Where(e => e.InstallationId == installation);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%";
            query = query.Where(e => EF.Functions.ILike(e.Identifier, pattern) || (e.Title != null && EF.Functions.ILike(e.Title, pattern)));
        }
        if (!string.IsNullOrEmpty(cursor))
        {
            query = query.Where(e => string.Compare(e.Identifier, cursor) > 0);
        }
        var items = await query.OrderBy(e => e.Identifier).Take(size + 1).ToListAsync(ct);
        return items.Count > size
            ? new Page(items[..size], items[size - 1].Identifier)
            : new Page(items, null);
    }

    public async Task<CatalogEntity> GetAsync(string blueprint, string identifier, CancellationToken ct) =>
        await db.Entities.AsNoTracking().SingleOrDefaultAsync(e => e.Blueprint == blueprint && e.Identifier == identifier, ct)
        ?? throw new NotFoundException($"Entity '{identifier}' of blueprint '{blueprint}'");
}
