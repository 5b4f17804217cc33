namespace Runner.Tests.Mapping;

/// <summary>
/// Finds files in the read-only <c>../shared</c> folder next to the repository root. A checkout without it
/// (a fresh clone anywhere) skips the tests that need it instead of failing them; CI has it, so they run there.
/// </summary>
internal static class SharedReference
{
    internal static string OceanData(string relativePath) =>
        Path.Combine(Root(TestContext.CurrentContext.TestDirectory), "reference", "ocean-azure-devops-data", relativePath);

    /// <summary>The shared folder beside the checkout that holds <paramref name="startDirectory"/>; ignores the test when absent.</summary>
    internal static string Root(string startDirectory)
    {
        var directory = new DirectoryInfo(startDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Runner.slnx")))
        {
            directory = directory.Parent;
        }

        var shared = directory?.Parent is { } parent ? Path.Combine(parent.FullName, "shared") : null;
        if (shared is null || !Directory.Exists(shared))
        {
            Assert.Ignore($"needs Port's reference files in ../shared beside the checkout ({shared ?? "no Runner.slnx above " + startDirectory}), which is absent here");
        }

        return shared;
    }
}
