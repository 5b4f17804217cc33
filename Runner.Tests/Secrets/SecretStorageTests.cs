using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Secrets;

/// <summary>What is at rest and in logs: ciphertext bound to tenant and name, no plaintext anywhere.</summary>
public sealed class SecretStorageTests : ApiTests
{
    [Test]
    public async Task A_sealed_value_moved_to_another_tenant_does_not_decrypt()
    {
        var a = await Factory.CreateTenantAsync("A");
        var b = await Factory.CreateTenantAsync("B");
        await a.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "pat", value = "value-of-a" }).ExpectAsync(HttpStatusCode.Created);
        await b.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "pat", value = "value-of-b" }).ExpectAsync(HttpStatusCode.Created);

        await CopySealedValueAsync(fromTenant: a.Id, fromName: "pat", toTenant: b.Id, toName: "pat");

        Assert.ThrowsAsync(Is.InstanceOf<CryptographicException>(), () => Factory.RevealSecretAsync(b.Id, "pat"));
        Assert.That(await Factory.RevealSecretAsync(a.Id, "pat"), Is.EqualTo("value-of-a"));
    }

    [Test]
    public async Task A_sealed_value_moved_to_another_name_does_not_decrypt()
    {
        var tenant = await Factory.CreateTenantAsync();
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "first", value = "value-1" }).ExpectAsync(HttpStatusCode.Created);
        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "second", value = "value-2" }).ExpectAsync(HttpStatusCode.Created);

        await CopySealedValueAsync(fromTenant: tenant.Id, fromName: "first", toTenant: tenant.Id, toName: "second");

        Assert.ThrowsAsync(Is.InstanceOf<CryptographicException>(), () => Factory.RevealSecretAsync(tenant.Id, "second"));
    }

    [Test]
    public async Task No_column_of_any_table_and_no_log_line_holds_a_secret_value()
    {
        var tenant = await Factory.CreateTenantAsync();
        var created = $"plain-created-{Guid.NewGuid():N}";
        var inline = $"plain-inline-{Guid.NewGuid():N}";
        var rotated = $"plain-rotated-{Guid.NewGuid():N}";
        var rejected = $"plain-rejected-{Guid.NewGuid():N}";

        await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "created", value = created }).ExpectAsync(HttpStatusCode.Created);
        await tenant.Admin.PutAsJsonAsync("/api/v1/secrets/created", new { value = rotated }).ExpectAsync(HttpStatusCode.OK);
        await tenant.Admin.PostAsJsonAsync("/api/v1/installations",
            InstallationRequests.AzureDevOps(personalAccessToken: new { newSecret = new { name = "inline", value = inline } })).ExpectAsync(HttpStatusCode.Created);
        var badName = await tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "bad name", value = rejected }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var plainPat = await tenant.Admin.PostAsJsonAsync("/api/v1/installations",
            InstallationRequests.AzureDevOps(personalAccessToken: rejected)).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var wrongType = await tenant.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/secrets", $$"""{"name":"typed","value":"{{rejected}}","extra":1}""").ExpectProblemAsync(HttpStatusCode.BadRequest);

        string[] values = [created, inline, rotated, rejected];
        Assert.That(badName.ToJsonString() + plainPat.ToJsonString() + wrongType.ToJsonString(), Does.Not.Contain(rejected));
        foreach (var value in values)
        {
            Assert.That(await CountRowsContainingAsync(value), Is.Zero, $"a row holds {value}");
            Assert.That(Factory.Logs.Lines.Where(line => line.Contains(value, StringComparison.Ordinal)), Is.Empty);
        }
        Assert.That(Factory.Logs.Lines, Is.Not.Empty, "the capture works");
        Assert.That(await Factory.RevealSecretAsync(tenant.Id, "inline"), Is.EqualTo(inline), "the value is there, sealed");
    }

    /// <summary>Every row of every Runner and Hangfire table, as text (bytea shows as hex), searched for the value.</summary>
    private static async Task<long> CountRowsContainingAsync(string value)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema IN ('runner', 'hangfire') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.That(tables, Has.Member("runner.secrets"));
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        long total = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0 OR strpos(t::text, $3) > 0", connection);
            count.Parameters.AddWithValue(value);
            count.Parameters.AddWithValue(hex);
            count.Parameters.AddWithValue(base64);
            total += (long)(await count.ExecuteScalarAsync())!;
        }
        return total;
    }

    private static async Task CopySealedValueAsync(Guid fromTenant, string fromName, Guid toTenant, string toName)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var copy = new NpgsqlCommand(
            "UPDATE runner.secrets SET sealed_value = (SELECT sealed_value FROM runner.secrets WHERE tenant_id = $1 AND name = $2) WHERE tenant_id = $3 AND name = $4", connection);
        copy.Parameters.AddWithValue(fromTenant);
        copy.Parameters.AddWithValue(fromName);
        copy.Parameters.AddWithValue(toTenant);
        copy.Parameters.AddWithValue(toName);
        Assert.That(await copy.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }
}
