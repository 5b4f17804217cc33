using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Hosting;

public sealed class WebConsoleHostTests : ApiTests
{
    [Test]
    public async Task The_console_is_served_at_the_root_without_a_key()
    {
        using var anonymous = Factory.CreateClient(apiKey: null);

        var response = await anonymous.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<title>Runner</title>"));
    }
}
