using Runner.Domain.Mapping;

namespace Runner.Tests.Mapping;

public class PortJqTextTests
{
    [TestCase(".a // ''", ".a // \"\"")]
    [TestCase(".a == 'it\"s'", ".a == \"it\\\"s\"")]
    [TestCase(".a + \"don't\"", ".a + \"don't\"")]
    [TestCase(".a # it's a comment", ".a # it's a comment")]
    [TestCase("'a\\nb'", "\"a\\nb\"")]
    [TestCase(".plain", ".plain")]
    public void Single_quoted_literals_become_double_quoted(string port, string jq) =>
        Assert.That(PortJqText.Normalize(port), Is.EqualTo(jq));
}
