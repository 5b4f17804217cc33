using System.Runtime.InteropServices;

namespace Runner.Tests.Oracle;

/// <summary>
/// jq 1.6's <c>jv</c> (jv.h): 16 bytes passed by value. The second word is a union of a pointer and a
/// double; the SysV x86-64 ABI classifies that eightbyte as INTEGER, so it must be an integer here
/// (a <c>double</c> field would move it to an SSE register and corrupt every call).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Jv
{
    // Written only by native code; the fields exist to give the struct jq's exact layout.
#pragma warning disable CS0169, IDE0051
    private readonly byte kindFlags;
    private readonly byte pad;
    private readonly ushort offset;
    private readonly int size;
    private readonly nint payload;
#pragma warning restore CS0169, IDE0051
}

internal enum JvKind
{
    Invalid,
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}
