using System.Globalization;
using Npgsql;
using Runner.Domain.Tenants;

namespace Runner.Domain.Catalog;

/// <summary>
/// After a complete run: removes the installation's entities of a blueprint that the run did not
/// see (unless that would exceed the deletion threshold), their dependents when asked, and
/// creates placeholder targets for relations when asked.
/// </summary>
public sealed class CatalogReconciler(NpgsqlDataSource dataSource, TenantContext tenant)
{
    public sealed record Outcome(bool Ran, long Deleted, string? SkippedReason);

    /// <param name="keepWhole">Blueprints this run saw only in part: their entities are not deleted as dependents either.</param>
    public async Task<Outcome> DeleteStaleAsync(Guid runId, Guid installationId, string blueprint, double threshold,
        IReadOnlyList<BlueprintRelation> relations, bool deleteDependents, IReadOnlySet<string> keepWhole, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (stale, existing) = await CountStaleAsync(connection, transaction, runId, installationId, blueprint, ct);
        if (stale == 0)
        {
            return new Outcome(true, 0, null);
        }
        var share = (double)stale / existing;
        if (share > threshold)
        {
            return new Outcome(false, 0, string.Create(CultureInfo.InvariantCulture,
                $"would delete {stale} of {existing} entities ({share * 100:0}%), more than the entityDeletionThreshold of {threshold:0.##}"));
        }
        var deleted = await ExecuteReturningAsync(connection, transaction, CatalogSql.DeleteStale, [tenant.TenantId, installationId, runId, blueprint], ct);
        long total = deleted.Count;
        if (deleteDependents)
        {
            total += await DeleteDependentsAsync(connection, transaction, blueprint, deleted, relations.Where(r => !keepWhole.Contains(r.Blueprint)).ToList(), ct);
        }
        await transaction.CommitAsync(ct);
        return new Outcome(true, total, null);
    }

    public async Task CreatePlaceholdersAsync(Guid runId, Guid installationId, IEnumerable<BlueprintRelation> relations, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var relation in relations)
        {
            await ExecuteReturningAsync(connection, null, CatalogSql.CreatePlaceholders,
                [tenant.TenantId, installationId, runId, relation.Blueprint, relation.Relation, relation.Target], ct);
        }
    }

    public async Task DropStagedAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteReturningAsync(connection, null, CatalogSql.DropStaged, [runId], ct);
    }

    // Follows required relations transitively: a deleted repository takes its branches, and their dependents.
    private async Task<long> DeleteDependentsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string blueprint,
        List<string> deletedIdentifiers, IReadOnlyList<BlueprintRelation> relations, CancellationToken ct)
    {
        long total = 0;
        var pending = new Queue<(string Blueprint, List<string> Identifiers)>([(blueprint, deletedIdentifiers)]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var relation in relations.Where(r => r.Required && r.Target == next.Blueprint))
            {
                var dependents = await ExecuteReturningAsync(connection, transaction, CatalogSql.DeleteDependents,
                    [tenant.TenantId, relation.Blueprint, relation.Relation, next.Identifiers.ToArray()], ct);
                total += dependents.Count;
                if (dependents.Count > 0)
                {
                    pending.Enqueue((relation.Blueprint, dependents));
                }
            }
        }
        return total;
    }

    private async Task<(long Stale, long Existing)> CountStaleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid runId, Guid installationId, string blueprint, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(CatalogSql.CountStale, connection, transaction);
        foreach (var value in new object[] { tenant.TenantId, installationId, runId, blueprint })
        {
            command.Parameters.AddWithValue(value);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<List<string>> ExecuteReturningAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object[] parameters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters)
        {
            command.Parameters.AddWithValue(value);
        }
        var returned = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.FieldCount > 0)
            {
                returned.Add(reader.GetString(0));
            }
        }
        return returned;
    }
}
