using System.Text;

namespace Runner.Tests.Oracle;

/// <summary>Copies jq strings and values out of native memory.</summary>
internal static unsafe class JvStrings
{
    /// <summary>Consumes <paramref name="value"/>, which must be a string jv.</summary>
    internal static string TakeString(Jv value)
    {
        try
        {
            return Encoding.UTF8.GetString(AsSpan(value));
        }
        finally
        {
            LibJq.Free(value);
        }
    }

    /// <summary>Consumes <paramref name="value"/> and returns its compact JSON text as UTF-8.</summary>
    internal static byte[] TakeJson(Jv value)
    {
        var dumped = LibJq.DumpString(value, 0);
        try
        {
            return AsSpan(dumped).ToArray();
        }
        finally
        {
            LibJq.Free(dumped);
        }
    }

    /// <summary>Consumes <paramref name="value"/>: strings as they are, anything else as JSON text.</summary>
    internal static string TakeMessage(Jv value) =>
        LibJq.GetKind(value) == JvKind.String ? TakeString(value) : Encoding.UTF8.GetString(TakeJson(value));

    // Valid only while the string jv is alive; the length comes from jq, so embedded NULs survive.
    private static ReadOnlySpan<byte> AsSpan(Jv text) =>
        new(LibJq.StringValue(text), LibJq.StringLengthBytes(LibJq.Copy(text)));
}
