extern alias worker;

using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Runner.Api.Auth;
using Runner.Domain.Persistence;
using WorkerOptions = worker::Runner.Worker.Hosting.WorkerOptions;

namespace Runner.Tests.Deploy;

/// <summary>
/// The environment variable names Runner binds, read by reflection from every options class (a type
/// with a <c>SectionName</c> constant) in the Domain, Api and Worker, so a renamed option fails the
/// deploy tests instead of being silently ignored in production.
/// </summary>
internal static partial class RunnerOptionNames
{
    public const string Prefix = "Runner__";

    private const string AnyIndex = "*";

    private static readonly Lazy<IReadOnlyList<string[]>> Paths = new(ReadPaths);

    public static IReadOnlyList<string> All => Paths.Value.Select(p => string.Join("__", p)).ToList();

    /// <summary>Configuration keys are case-insensitive, and a list element is addressed as <c>Name__0</c>.</summary>
    public static bool IsKnown(string environmentName)
    {
        var segments = environmentName.Split("__");
        return Paths.Value.Any(path => path.Length == segments.Length && path.Zip(segments).All(pair =>
            pair.First == AnyIndex ? pair.Second.All(char.IsAsciiDigit) && pair.Second.Length > 0
                : string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Names whose values are credentials: they must come from a secret, never a literal.</summary>
    public static bool IsSecretLike(string environmentName) => SecretLike().IsMatch(environmentName.Split("__")[^1]);

    [GeneratedRegex("(Key|Kek|ConnectionString|Password|Pat|Token|Secret)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();

    private static IReadOnlyList<string[]> ReadPaths() =>
        new[] { typeof(DatabaseOptions).Assembly, typeof(BootstrapOptions).Assembly, typeof(WorkerOptions).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => (Type: type, Section: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Section is { IsLiteral: true } && t.Section.FieldType == typeof(string))
            .SelectMany(t => Leaves(t.Type, [.. ((string)t.Section!.GetRawConstantValue()!).Split(':')]))
            .ToList();

    private static IEnumerable<string[]> Leaves(Type type, string[] prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            string[] path = [.. prefix, property.Name];
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                yield return path;
            }
            else if (ElementType(propertyType) is { } element)
            {
                foreach (var leaf in IsScalar(element) ? [[.. path, AnyIndex]] : Leaves(element, [.. path, AnyIndex]))
                {
                    yield return leaf;
                }
            }
            else
            {
                foreach (var leaf in Leaves(propertyType, path))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(TimeSpan) || type == typeof(DateTimeOffset) || type == typeof(Guid);

    private static Type? ElementType(Type type) =>
        typeof(IEnumerable).IsAssignableFrom(type)
            ? type.IsArray ? type.GetElementType() : type.GetGenericArguments().SingleOrDefault()
            : null;
}
