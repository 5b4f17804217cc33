using Runner.Tools.Jq;

// runner-jq: the native engine behind jq's command line, to compare the two side by side.
CliOptions options;
try
{
    options = CliOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"runner-jq: {e.Message}");
    return 2;
}

return new CliRunner(options).Run();
