namespace Runner.Tests.Infrastructure;

/// <summary>A fixture with one running Api for all its tests; tests isolate themselves by creating tenants.</summary>
public abstract class ApiTests
{
    protected RunnerApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartApi() => Factory = CreateFactory();

    [OneTimeTearDown]
    public void StopApi() => Factory.Dispose();

    protected virtual RunnerApiFactory CreateFactory() => new();
}
