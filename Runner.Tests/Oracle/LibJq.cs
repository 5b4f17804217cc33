using System.Runtime.InteropServices;

namespace Runner.Tests.Oracle;

/// <summary>
/// The slice of libjq 1.6 that Runner uses. Ownership follows jv.h: every function consumes its jv
/// arguments and returns an owned jv, except jv_copy (adds a reference) and the accessors noted below.
/// </summary>
internal static unsafe partial class LibJq
{
    private const string Library = "libjq.so.1";

    [LibraryImport(Library, EntryPoint = "jq_init")]
    internal static partial nint Init();

    /// <summary>Takes the address of the state pointer and zeroes it.</summary>
    [LibraryImport(Library, EntryPoint = "jq_teardown")]
    internal static partial void Teardown(ref nint state);

    [LibraryImport(Library, EntryPoint = "jq_set_error_cb")]
    internal static partial void SetErrorCallback(nint state, delegate* unmanaged<nint, Jv, void> callback, nint data);

    /// <summary>Returns 1 when the program compiled.</summary>
    [LibraryImport(Library, EntryPoint = "jq_compile", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Compile(nint state, string program);

    /// <summary>Consumes <paramref name="input"/>.</summary>
    [LibraryImport(Library, EntryPoint = "jq_start")]
    internal static partial void Start(nint state, Jv input, int flags);

    /// <summary>Returns an owned value; an invalid jv ends the outputs (with a message when it is an error).</summary>
    [LibraryImport(Library, EntryPoint = "jq_next")]
    internal static partial Jv Next(nint state);

    [LibraryImport(Library, EntryPoint = "jq_halted")]
    internal static partial int Halted(nint state);

    /// <summary>Consumes the message and returns a formatted string jv.</summary>
    [LibraryImport(Library, EntryPoint = "jq_format_error")]
    internal static partial Jv FormatError(Jv message);

    [LibraryImport(Library, EntryPoint = "jv_parse_sized")]
    internal static partial Jv ParseSized(byte* utf8, int length);

    [LibraryImport(Library, EntryPoint = "jv_dump_string")]
    internal static partial Jv DumpString(Jv value, int flags);

    /// <summary>Does not consume; the pointer lives as long as the string jv.</summary>
    [LibraryImport(Library, EntryPoint = "jv_string_value")]
    internal static partial byte* StringValue(Jv value);

    [LibraryImport(Library, EntryPoint = "jv_string_length_bytes")]
    internal static partial int StringLengthBytes(Jv value);

    /// <summary>Does not consume.</summary>
    [LibraryImport(Library, EntryPoint = "jv_get_kind")]
    internal static partial JvKind GetKind(Jv value);

    [LibraryImport(Library, EntryPoint = "jv_invalid_has_msg")]
    internal static partial int InvalidHasMessage(Jv value);

    [LibraryImport(Library, EntryPoint = "jv_invalid_get_msg")]
    internal static partial Jv InvalidGetMessage(Jv value);

    [LibraryImport(Library, EntryPoint = "jv_copy")]
    internal static partial Jv Copy(Jv value);

    [LibraryImport(Library, EntryPoint = "jv_free")]
    internal static partial void Free(Jv value);
}
