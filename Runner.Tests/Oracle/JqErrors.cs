namespace Runner.Tests.Oracle;

/// <summary>Turns the invalid jv that ends an evaluation into an error message, or null for a clean end.</summary>
internal static class JqErrors
{
    /// <summary>Consumes <paramref name="end"/>.</summary>
    internal static string? DescribeEnd(Jv end, bool halted)
    {
        if (LibJq.InvalidHasMessage(LibJq.Copy(end)) != 0)
        {
            return Describe(end);
        }

        LibJq.Free(end);
        // halt and halt_error stop the program without an error value; a mapping must not end that way.
        return halted ? "The program halted." : null;
    }

    /// <summary>Consumes <paramref name="invalid"/>, which carries a message.</summary>
    internal static string Describe(Jv invalid) => JvStrings.TakeMessage(LibJq.InvalidGetMessage(invalid));
}
