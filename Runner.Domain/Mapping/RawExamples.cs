using Microsoft.EntityFrameworkCore;
using Runner.Domain.Installations;
using Runner.Domain.Persistence;

namespace Runner.Domain.Mapping;

/// <summary>The raw objects kept per kind for the mapping tester (when the installation sends raw data examples).</summary>
public sealed class RawExamples(RunnerDbContext db, InstallationService installations, TimeProvider clock)
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

    /// <summary>After a resync: each kind's examples replaced by this run's, or none kept when the installation sends none.</summary>
    public async Task KeepAsync(Installation installation, IReadOnlyDictionary<string, List<string>> kept, CancellationToken ct)
    {
        if (!installation.SendRawDataExamples)
        {
            await db.RawExamples.Where(e => e.InstallationId == installation.Id).ExecuteDeleteAsync(ct);
            return;
        }
        foreach (var (kind, objects) in kept)
        {
            await ReplaceAsync(installation.Id, kind, objects, clock.GetUtcNowForDatabase(), ct);
        }
    }
}
