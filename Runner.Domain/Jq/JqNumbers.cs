using System.Globalization;
using System.Numerics;
using System.Text;

namespace Runner.Domain.Jq;

/// <summary>
/// Numbers as jq 1.7.1 writes them: a computed double in the shortest form that reads back exactly
/// (jq's dtoa, at most 17 significant digits, exponent form outside 1e-5…1e17), and a number that is
/// still the literal from the input or program in decNumber's canonical text, precision included.
/// </summary>
public static class JqNumbers
{
    public static double Parse(string text)
    {
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : text.TrimStart().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
    }

    public static string Format(JqValue value)
    {
        // A literal too large for a double has lost its value already; jq prints it as the clamped double.
        if (value.Literal is { } literal && !double.IsInfinity(value.Number))
        {
            if (IsPlainInteger(literal))
            {
                // decNumber's canonical text of an integer literal is the literal itself (JSON has no leading zeros).
                return literal;
            }

            return double.IsNaN(value.Number) ? "null" : FormatLiteral(literal);
        }

        return Format(value.Number);
    }

    private static bool IsPlainInteger(string literal)
    {
        var digits = literal.AsSpan(literal.StartsWith('-') ? 1 : 0);
        return digits.Length is > 0 and <= 17 && !digits.ContainsAnyExceptInRange('0', '9') && (digits.Length == 1 || digits[0] != '0');
    }

    /// <summary>An integer literal of at most 17 digits as read from input: jq prints it unchanged.</summary>
    public static bool IsPlainInteger(ReadOnlySpan<byte> literal)
    {
        var digits = literal.Length > 0 && literal[0] == '-' ? literal[1..] : literal;
        return digits.Length is > 0 and <= 17 && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9') && (digits.Length == 1 || digits[0] != '0');
    }

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "null";
        }

        value = Math.Clamp(value, -double.MaxValue, double.MaxValue);
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // "R" gives the shortest digits that read back exactly; lay them out as jq's dtoa does.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var (negative, digits, decpt) = Decompose(shortest);
        var b = new StringBuilder(24);
        if (negative)
        {
            b.Append('-');
        }

        if (decpt <= -4 || decpt > digits.Length + 15)
        {
            b.Append(digits[0]);
            if (digits.Length > 1)
            {
                b.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var exponent = decpt - 1;
            b.Append('e').Append(exponent < 0 ? '-' : '+');
            exponent = Math.Abs(exponent);
            b.Append(exponent < 10 ? "0" : "").Append(exponent.ToString(CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
        {
            b.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            b.Append(digits).Append('0', decpt - digits.Length);
        }
        else
        {
            b.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        }

        return b.ToString();
    }

    /// <summary>decNumber's to-scientific-string of a JSON number literal (e.g. <c>1E2</c> → <c>1E+2</c>, <c>1.0</c> stays).</summary>
    public static string FormatLiteral(string literal)
    {
        var (negative, coefficient, exponent) = DecimalParts(literal);
        if (coefficient is null)
        {
            return Format(Parse(literal));
        }

        var b = new StringBuilder(literal.Length + 4);
        if (negative)
        {
            b.Append('-');
        }

        var adjusted = exponent + coefficient.Length - 1;
        if (exponent <= 0 && adjusted >= -6)
        {
            if (exponent == 0)
            {
                b.Append(coefficient);
            }
            else if (coefficient.Length + exponent > 0)
            {
                var point = coefficient.Length + exponent;
                b.Append(coefficient, 0, point).Append('.').Append(coefficient, point, coefficient.Length - point);
            }
            else
            {
                b.Append("0.").Append('0', -(coefficient.Length + exponent)).Append(coefficient);
            }
        }
        else
        {
            b.Append(coefficient[0]);
            if (coefficient.Length > 1)
            {
                b.Append('.').Append(coefficient, 1, coefficient.Length - 1);
            }

            b.Append('E').Append(adjusted < 0 ? '-' : '+').Append(Math.Abs(adjusted).ToString(CultureInfo.InvariantCulture));
        }

        return b.ToString();
    }

    /// <summary>Compares two literals exactly (jq 1.7.1 compares unchanged literals with their full precision).</summary>
    public static int CompareLiterals(string a, string b)
    {
        var (na, ca, ea) = DecimalParts(a);
        var (nb, cb, eb) = DecimalParts(b);
        if (ca is null || cb is null)
        {
            return Parse(a).CompareTo(Parse(b));
        }

        var ia = BigInteger.Parse(ca, CultureInfo.InvariantCulture) * (na ? -1 : 1);
        var ib = BigInteger.Parse(cb, CultureInfo.InvariantCulture) * (nb ? -1 : 1);
        if (Math.Abs(ea - eb) > 400)
        {
            return Parse(a).CompareTo(Parse(b));
        }

        if (ea > eb)
        {
            ia *= BigInteger.Pow(10, ea - eb);
        }
        else if (eb > ea)
        {
            ib *= BigInteger.Pow(10, eb - ea);
        }

        return ia.CompareTo(ib);
    }

    private static (bool Negative, string Digits, int DecimalPoint) Decompose(string roundTrip)
    {
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? text[..dot] : text;
        var fraction = dot >= 0 ? text[(dot + 1)..] : "";
        var all = intPart + fraction;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        var digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (negative, digits, intPart.Length - lead + exponent);
    }

    // Coefficient digits (no leading zeros, trailing zeros kept) and exponent, or null when not a plain literal.
    private static (bool Negative, string? Coefficient, int Exponent) DecimalParts(string literal)
    {
        var text = literal.AsSpan().Trim();
        var negative = text.StartsWith("-");
        if (negative || text.StartsWith("+"))
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return (negative, null, 0);
            }

            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '.')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return (negative, null, 0);
            }

            digits.Append(c);
        }

        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
        }

        var coefficient = digits.ToString().TrimStart('0');
        if (coefficient.Length == 0)
        {
            coefficient = "0";
        }

        return (negative, coefficient, exponent);
    }
}
