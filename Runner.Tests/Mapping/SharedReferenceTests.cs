namespace Runner.Tests.Mapping;

/// <summary>Tests that read ../shared are skipped with the reason on a checkout without it, and run with it.</summary>
public sealed class SharedReferenceTests
{
    private string _root = null!;

    [SetUp]
    public void CreateCheckout()
    {
        _root = Directory.CreateTempSubdirectory("runner-shared-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "runner", "Runner.Tests", "bin"));
        File.WriteAllText(Path.Combine(_root, "runner", "Runner.slnx"), "<Solution />");
    }

    [TearDown]
    public void RemoveCheckout() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Without_shared_beside_the_checkout_the_test_is_ignored_with_the_reason()
    {
        var ignored = Assert.Throws<IgnoreException>(() => SharedReference.Root(Path.Combine(_root, "runner", "Runner.Tests", "bin")));

        Assert.That(ignored!.Message, Does.Contain("../shared").And.Contain(Path.Combine(_root, "shared")));
    }

    [Test]
    public void With_shared_beside_the_checkout_its_path_is_returned()
    {
        Directory.CreateDirectory(Path.Combine(_root, "shared"));

        Assert.That(SharedReference.Root(Path.Combine(_root, "runner", "Runner.Tests", "bin")), Is.EqualTo(Path.Combine(_root, "shared")));
    }
}
