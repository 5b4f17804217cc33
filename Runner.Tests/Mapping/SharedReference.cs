namespace Runner.Tests.Mapping;

/// <summary>Finds files in the read-only <c>../shared</c> folder next to the repository root.</summary>
internal static class SharedReference
{
    internal static string OceanData(string relativePath) => Path.Combine(Root(), "reference", "ocean-azure-devops-data", relativePath);

    private static string Root()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Runner.slnx")))
        {
            directory = directory.Parent;
        }

        var shared = directory?.Parent is { } parent ? Path.Combine(parent.FullName, "shared") : null;
        return shared is not null && Directory.Exists(shared)
            ? shared
            : throw new DirectoryNotFoundException("../shared was not found above the test assembly.");
    }
}
