using Npgsql;

namespace Runner.Domain.Integrations.AzureDevOps.Budget;

/// <summary>What one round trip to an organization's shared budget answered.</summary>
/// <param name="Granted">Requests this Worker may send before it asks again.</param>
/// <param name="PausedFor">How long the organization is still paused (Retry-After and the like, seen by any Worker).</param>
/// <param name="NextTokenIn">With nothing granted and no pause: when the bucket has a request again.</param>
internal sealed record BudgetGrant(int Granted, TimeSpan PausedFor, TimeSpan NextTokenIn);

/// <summary>
/// The per-organization rows of <c>runner.organization_rate_budgets</c>: one statement per lease or pause, the row
/// lock serialising Workers, the database's clock for every time (see docs/decisions/shared-rate-budget.md).
/// </summary>
public sealed class SharedRateBudget(NpgsqlDataSource dataSource)
{
    /// <summary>Takes up to <paramref name="lease"/> requests from a bucket refilled at <paramref name="perSecond"/> that holds one lease at most.</summary>
    internal async Task<BudgetGrant> LeaseAsync(string organization, int lease, double perSecond, CancellationToken ct)
    {
        if (await TryLeaseAsync(organization, lease, perSecond, ct) is { } grant)
        {
            return grant;
        }
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO runner.organization_rate_budgets (organization, tokens, refilled_at, paused_until)
            VALUES ($1, $2, statement_timestamp(), '-infinity') ON CONFLICT (organization) DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue(organization);
            insert.Parameters.AddWithValue((double)lease);
            await insert.ExecuteNonQueryAsync(ct);
        }
        return await TryLeaseAsync(organization, lease, perSecond, ct) ?? throw new InvalidOperationException("The budget row vanished.");
    }

    // FOR UPDATE in the inner select makes a Worker that waited for the row lock compute from the row the other left.
    // A never-paused row holds '-infinity', which PostgreSQL 15 cannot subtract: the pause left is taken from
    // greatest(paused_until, now), never from paused_until itself.
    private async Task<BudgetGrant?> TryLeaseAsync(string organization, int lease, double perSecond, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE runner.organization_rate_budgets b
            SET tokens = s.available - s.granted, refilled_at = s.at
            FROM (
                SELECT organization, at, paused_until, available,
                       CASE WHEN paused_until > at THEN 0 ELSE floor(least(available, $2)) END AS granted
                FROM (
                    SELECT organization, paused_until, statement_timestamp() AS at,
                           least($2, tokens + $3 * greatest(0, extract(epoch FROM statement_timestamp() - refilled_at))::float8) AS available
                    FROM runner.organization_rate_budgets WHERE organization = $1 FOR UPDATE
                ) locked
            ) s
            WHERE b.organization = s.organization
            RETURNING s.granted::int, s.available, extract(epoch FROM greatest(s.paused_until, s.at) - s.at)::float8
            """);
        command.Parameters.AddWithValue(organization);
        command.Parameters.AddWithValue((double)lease);
        command.Parameters.AddWithValue(perSecond);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var (granted, available, paused) = (reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2));
        return new BudgetGrant(granted, TimeSpan.FromSeconds(paused), TimeSpan.FromSeconds(Math.Max(0, 1 - available) / perSecond));
    }

    /// <summary>Without a request ceiling only the pause is shared: how long the organization is still paused.</summary>
    internal async Task<TimeSpan> PausedForAsync(string organization, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT extract(epoch FROM greatest(paused_until, statement_timestamp()) - statement_timestamp())::float8
            FROM runner.organization_rate_budgets WHERE organization = $1
            """);
        command.Parameters.AddWithValue(organization);
        return await command.ExecuteScalarAsync(ct) is double seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
    }

    /// <summary>Pauses the organization for every Worker until at least <paramref name="delay"/> from now.</summary>
    internal async Task PauseAsync(string organization, TimeSpan delay, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO runner.organization_rate_budgets AS b (organization, tokens, refilled_at, paused_until)
            VALUES ($1, 0, statement_timestamp(), statement_timestamp() + $2)
            ON CONFLICT (organization) DO UPDATE SET paused_until = greatest(b.paused_until, EXCLUDED.paused_until)
            """);
        command.Parameters.AddWithValue(organization);
        command.Parameters.AddWithValue(delay);
        await command.ExecuteNonQueryAsync(ct);
    }
}
