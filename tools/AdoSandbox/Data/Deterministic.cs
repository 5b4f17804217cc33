using System.Buffers.Binary;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>
/// Pure functions of (seed, kind, index). Ids are reversible, so a GUID in a URL maps straight back to its
/// index without any lookup table — the organization is never materialized.
/// </summary>
internal static class Deterministic
{
    // Multiplying by an odd constant is a bijection modulo 2^56, so neighbouring indices get unrelated-looking
    // ids while the index can still be recovered by multiplying with the inverse.
    private const ulong Low56 = (1UL << 56) - 1;
    private const ulong Scramble = 0x9E37_79B9_7F4A_7Cu | 1;
    private static readonly ulong Unscramble = Inverse(Scramble);

    public static ulong Hash(int seed, EntityKind kind, long index) =>
        Mix(Mix(((ulong)(uint)seed << 8) | (byte)kind) ^ (ulong)index);

    /// <summary>Uniform value in [0, 1).</summary>
    public static double Unit(int seed, EntityKind kind, long index) =>
        (Hash(seed, kind, index) >> 11) * (1.0 / (1UL << 53));

    public static Guid Id(int seed, EntityKind kind, long index)
    {
        var (prefix, mask) = Key(seed, kind);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High(prefix, index));
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], (((ulong)index * Scramble) & Low56) ^ mask);
        return new Guid(bytes, bigEndian: true);
    }

    public static bool TryIndex(int seed, EntityKind kind, Guid id, out long index)
    {
        var (prefix, mask) = Key(seed, kind);
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        index = (long)(((BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]) ^ mask) * Unscramble) & Low56);
        return index >= 0 && BinaryPrimitives.ReadUInt64BigEndian(bytes) == High(prefix, index);
    }

    /// <summary>40-hex-digit object id for commits and refs.</summary>
    public static string Sha(int seed, EntityKind kind, long index)
    {
        var a = Hash(seed, kind, index);
        return $"{a:x16}{Mix(a):x16}{(uint)Mix(a + 1):x8}";
    }

    /// <summary>The first half varies with the index too, and doubles as a check that a GUID is one of ours.</summary>
    private static ulong High(ulong prefix, long index) => ((prefix ^ Mix(prefix ^ (ulong)index)) & 0xFFFF_FFFF_FFFF_0FFFUL) | 0x4000UL;

    private static (ulong Prefix, ulong Mask) Key(int seed, EntityKind kind)
    {
        var h = Mix(((ulong)(uint)seed << 8) | (byte)kind);
        // Version-4 nibble (set in High) and RFC 4122 variant on the mask's top byte make the ids look like
        // ordinary random GUIDs; indices stay below 2^56 so the variant byte survives the XOR.
        var prefix = h;
        var mask = (Mix(h) & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL;
        return (prefix, mask);
    }

    /// <summary>Newton's iteration for the inverse of an odd number modulo 2^64 (hence modulo 2^56).</summary>
    private static ulong Inverse(ulong a)
    {
        var x = a;
        for (var i = 0; i < 6; i++)
        {
            x *= 2 - a * x;
        }
        return x;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E37_79B9_7F4A_7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
