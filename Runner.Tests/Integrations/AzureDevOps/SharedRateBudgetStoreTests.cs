using Npgsql;
using Runner.Domain.Integrations.AzureDevOps.Budget;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>
/// The statements behind the shared budget, on the real schema: an organization nobody has paused yet is leased from
/// like any other (its row's pause is '-infinity'), and a pause shows in every later answer.
/// </summary>
public sealed class SharedRateBudgetStoreTests
{
    private NpgsqlDataSource _dataSource = null!;
    private SharedRateBudget _budget = null!;

    [SetUp]
    public void Create()
    {
        _dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        _budget = new SharedRateBudget(_dataSource);
    }

    [TearDown]
    public ValueTask Dispose() => _dataSource.DisposeAsync();

    private static string NewOrganization() => $"https://dev.azure.com/budget-{Guid.NewGuid():N}";

    [Test]
    public async Task A_never_paused_organization_grants_its_full_bucket_once_then_makes_the_next_request_wait()
    {
        var organization = NewOrganization();

        var first = await _budget.LeaseAsync(organization, lease: 3, perSecond: 0.5, CancellationToken.None);
        var second = await _budget.LeaseAsync(organization, lease: 3, perSecond: 0.5, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new BudgetGrant(3, TimeSpan.Zero, TimeSpan.Zero)), "a new row starts full");
            Assert.That(second.Granted, Is.Zero, "the bucket was emptied");
            Assert.That(second.PausedFor, Is.EqualTo(TimeSpan.Zero));
            // 0.5 requests a second: the next one is about two seconds away (less what has refilled since).
            Assert.That(second.NextTokenIn, Is.GreaterThan(TimeSpan.FromSeconds(1.5)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public async Task Without_a_ceiling_a_never_paused_organization_is_not_paused()
    {
        var organization = NewOrganization();
        Assert.That(await _budget.PausedForAsync(organization, CancellationToken.None), Is.EqualTo(TimeSpan.Zero), "no row yet");

        await _budget.LeaseAsync(organization, lease: 1, perSecond: 1, CancellationToken.None);

        Assert.That(await _budget.PausedForAsync(organization, CancellationToken.None), Is.EqualTo(TimeSpan.Zero), "a row that was never paused");
    }

    [Test]
    public async Task A_pause_withholds_every_grant_until_it_ends()
    {
        var organization = NewOrganization();
        await _budget.LeaseAsync(organization, lease: 1, perSecond: 100, CancellationToken.None);

        await _budget.PauseAsync(organization, TimeSpan.FromMinutes(1), CancellationToken.None);
        var during = await _budget.LeaseAsync(organization, lease: 1, perSecond: 100, CancellationToken.None);
        var pausedFor = await _budget.PausedForAsync(organization, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(during.Granted, Is.Zero);
            Assert.That(during.PausedFor, Is.GreaterThan(TimeSpan.FromSeconds(55)).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(pausedFor, Is.GreaterThan(TimeSpan.FromSeconds(55)).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        });
    }
}
