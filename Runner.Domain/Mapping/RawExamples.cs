using Microsoft.EntityFrameworkCore;
using Runner.Domain.Installations;
using Runner.Domain.Persistence;

namespace Runner.Domain.Mapping;

/// <summary>The raw objects kept per kind for the mapping tester (when the installation sends raw data examples).</summary>
public sealed class RawExamples(RunnerDbContext db, InstallationService installations)
{
    public async Task<List<RawExample>> ListAsync(Guid installationId, string kind, CancellationToken ct)
    {
        await installations.GetAsync(installationId, ct);
        return await db.RawExamples.AsNoTracking()
            .Where(e => e.InstallationId == installationId && e.Kind == kind)
            .OrderBy(e => e.Position).ToListAsync(ct);
    }

    /// <summary>Replaces the kind's examples with those of this run.</summary>
    public async Task ReplaceAsync(Guid installationId, string kind, IReadOnlyList<string> rawObjects, DateTimeOffset capturedAt, CancellationToken ct)
    {
        await db.RawExamples.Where(e => e.InstallationId == installationId && e.Kind == kind).ExecuteDeleteAsync(ct);
        db.RawExamples.AddRange(rawObjects.Take(RawExample.MaxPerKind).Select((json, i) =>
            new RawExample { InstallationId = installationId, Kind = kind, Position = i, DataJson = json, CapturedAt = capturedAt }));
        await db.SaveChangesAsync(ct);
    }

    public Task DeleteAllAsync(Guid installationId, CancellationToken ct) =>
        db.RawExamples.Where(e => e.InstallationId == installationId).ExecuteDeleteAsync(ct);
}
