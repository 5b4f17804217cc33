using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Runner.Domain.Installations;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;

namespace Runner.Domain.Mapping;

/// <summary>The raw objects kept per kind for the mapping tester (when the installation sends raw data examples).</summary>
public sealed class RawExamples(RunnerDbContext db, TenantContext tenant, InstallationService installations, TimeProvider clock)
{
    public async Task<List<RawExample>> ListAsync(Guid installationId, string kind, CancellationToken ct)
    {
        await installations.GetAsync(installationId, ct);
        return await db.RawExamples.AsNoTracking()
            .Where(e => e.InstallationId == installationId && e.Kind == kind)
            .OrderBy(e => e.Position).ToListAsync(ct);
    }

    /// <summary>Replaces the kind's examples with those of this run.</summary>
    public Task ReplaceAsync(Guid installationId, string kind, IReadOnlyList<string> rawObjects, DateTimeOffset capturedAt, CancellationToken ct) =>
        ReplaceKindsAsync(installationId, [(kind, rawObjects)], capturedAt, ct);

    // Every kind in one delete and one insert: a run keeps examples of ~30 kinds, and a statement pair per kind
    // was a tenth of a small resync's Worker CPU.
    private async Task ReplaceKindsAsync(Guid installationId, IReadOnlyCollection<(string Kind, IReadOnlyList<string> Objects)> kinds,
        DateTimeOffset capturedAt, CancellationToken ct)
    {
        var names = kinds.Select(k => k.Kind).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RawExamples.Where(e => e.InstallationId == installationId && names.Contains(e.Kind)).ExecuteDeleteAsync(ct);
        await InsertAsync(installationId, kinds.SelectMany(k => k.Objects.Take(RawExample.MaxPerKind).Select((json, i) => (k.Kind, i, json, capturedAt))).ToList(), ct);
        await transaction.CommitAsync(ct);
    }

    // One INSERT from arrays instead of EF's tracked rows: ~300 examples a run were 300 single-row statements, and
    // the change tracker's work on them was Worker CPU every run. Stamps the tenant as SaveChanges would.
    private Task InsertAsync(Guid installationId, IReadOnlyList<(string Kind, int Position, string Json, DateTimeOffset CapturedAt)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }
        var kinds = rows.Select(r => r.Kind).ToArray();
        var positions = rows.Select(r => r.Position).ToArray();
        var data = rows.Select(r => r.Json).ToArray();
        var capturedAt = rows.Select(r => r.CapturedAt).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO runner.raw_examples (tenant_id, installation_id, kind, position, data, captured_at)
            SELECT {tenant.TenantId}, {installationId}, e.kind, e.position, e.data::jsonb, e.captured_at
            FROM unnest({kinds}::text[], {positions}::integer[], {data}::text[], {capturedAt}::timestamptz[]) AS e(kind, position, data, captured_at)
            """, ct);
    }

    /// <summary>
    /// After live events: the kind's objects that arrived (oldest first) go in front of those kept, each object once
    /// (the newest copy), at most <see cref="RawExample.MaxPerKind"/> as after a resync.
    /// </summary>
    public async Task AddNewestAsync(Guid installationId, string kind, IReadOnlyList<string> arrived, DateTimeOffset capturedAt, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var kept = await db.RawExamples.AsNoTracking().Where(e => e.InstallationId == installationId && e.Kind == kind).OrderBy(e => e.Position).ToListAsync(ct);
        var merged = arrived.Reverse().Select(json => (Json: json, CapturedAt: capturedAt))
            .Concat(kept.Select(e => (Json: e.DataJson, e.CapturedAt)))
            .DistinctBy(e => IdentityOf(e.Json), StringComparer.Ordinal)
            .Take(RawExample.MaxPerKind)
            .ToList();
        await db.RawExamples.Where(e => e.InstallationId == installationId && e.Kind == kind).ExecuteDeleteAsync(ct);
        await InsertAsync(installationId, merged.Select((e, i) => (kind, i, e.Json, e.CapturedAt)).ToList(), ct);
        await transaction.CommitAsync(ct);
    }

    // Azure DevOps objects carry their own API url (branches too); the id, or the whole object, where one does not.
    private static string IdentityOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
            {
                return "url:" + url.GetString();
            }
            if (root.TryGetProperty("id", out var id))
            {
                return "id:" + id.GetRawText();
            }
        }
        return "json:" + root.GetRawText();
    }

    /// <summary>After a resync: each kind's examples replaced by this run's, or none kept when the installation sends none.</summary>
    public async Task KeepAsync(Installation installation, IReadOnlyDictionary<string, List<string>> kept, CancellationToken ct)
    {
        if (!installation.SendRawDataExamples)
        {
            await db.RawExamples.Where(e => e.InstallationId == installation.Id).ExecuteDeleteAsync(ct);
            return;
        }
        await ReplaceKindsAsync(installation.Id, kept.Select(k => (k.Key, (IReadOnlyList<string>)k.Value)).ToList(), clock.GetUtcNowForDatabase(), ct);
    }
}
