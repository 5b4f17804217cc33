namespace Runner.Tests.Deploy;

/// <summary>Paths in the checkout the tests run from, found by walking up to <c>Runner.slnx</c>.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    public static string Root => RootDirectory.Value;

    public static string PathTo(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathTo(relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Runner.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Runner.slnx above {AppContext.BaseDirectory}.");
    }
}
