using System.Globalization;
using System.Text;

namespace Runner.Domain.Jq.Runtime;

/// <summary>
/// jq's date builtins. "Broken down time" is jq's array [year, month (0-11), day, hours, minutes,
/// seconds (with fraction), weekday, day of year]; formats follow C's strftime/strptime for the common
/// conversions. Local time is the machine's time zone.
/// </summary>
internal static partial class Builtins
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static void AddDates(Dictionary<string, Func<Node[], Node>> d)
    {
        Fn(d, "gmtime", (_, v) => Broken(FromSeconds(v, "gmtime"), FractionOf(v)));
        Fn(d, "localtime", (_, v) => Broken(TimeZoneInfo.ConvertTime(FromSeconds(v, "localtime"), TimeZoneInfo.Local), FractionOf(v)));
        Fn(d, "mktime", (_, v) => new JqValue(Math.Floor((double)ToDate(v, "mktime").ToUnixTimeSeconds())));
        Fn(d, "strftime", (_, v, f) => new JqValue(Strftime(v.Kind == JqKind.Number ? FromSeconds(v, "strftime") : ToDate(v, "strftime"), Format(f, "strftime"))));
        Fn(d, "strflocaltime", (_, v, f) => new JqValue(Strftime(TimeZoneInfo.ConvertTime(v.Kind == JqKind.Number ? FromSeconds(v, "strflocaltime") : ToDate(v, "strflocaltime"), TimeZoneInfo.Local), Format(f, "strflocaltime"))));
        Fn(d, "strptime", (_, v, f) => v.Kind == JqKind.String
            ? Broken(Strptime(v.AsString(), Format(f, "strptime")), 0)
            : throw Errors.Error($"strptime/1 requires string inputs and arguments"));
    }

    private static string Format(JqValue f, string name) =>
        f.Kind == JqKind.String ? f.AsString() : throw Errors.Error($"{name}/1 requires a string format");

    private static double FractionOf(JqValue v) => v.Number - Math.Floor(v.Number);

    private static DateTimeOffset FromSeconds(JqValue v, string name)
    {
        if (v.Kind != JqKind.Number)
        {
            throw Errors.Error($"{name}() requires a number");
        }

        var seconds = Math.Floor(v.Number);
        if (double.IsNaN(seconds) || seconds < -62135596800 || seconds > 253402300799)
        {
            throw Errors.Error($"{name}() requires a number within the supported date range");
        }

        return DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }

    private static JqValue Broken(DateTimeOffset t, double fraction) => new(JqArray.From(
        new JqValue(t.Year), new JqValue(t.Month - 1), new JqValue(t.Day), new JqValue(t.Hour), new JqValue(t.Minute),
        new JqValue(t.Second + fraction), new JqValue((int)t.DayOfWeek), new JqValue(t.DayOfYear - 1)));

    private static DateTimeOffset ToDate(JqValue v, string name)
    {
        if (v.Kind != JqKind.Array || v.Count < 6 || v.AsArray().Span[..6].ToArray().Any(x => x.Kind != JqKind.Number))
        {
            throw Errors.Error($"{name} requires array of 6 numbers");
        }

        var a = v.AsArray();
        var year = (int)a[0].Number;
        var t = new DateTimeOffset(Math.Clamp(year, 1, 9999), 1, 1, 0, 0, 0, TimeSpan.Zero);
        return t.AddMonths((int)a[1].Number).AddDays(Math.Floor(a[2].Number) - 1).AddHours(Math.Floor(a[3].Number))
            .AddMinutes(Math.Floor(a[4].Number)).AddSeconds(Math.Floor(a[5].Number));
    }

    private static string Strftime(DateTimeOffset t, string format)
    {
        var b = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                b.Append(format[i]);
                continue;
            }

            var ch = format[++i];
            b.Append(ch switch
            {
                'Y' => t.Year.ToString(CultureInfo.InvariantCulture),
                'C' => (t.Year / 100).ToString("00", CultureInfo.InvariantCulture),
                'y' => (t.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                'm' => t.Month.ToString("00", CultureInfo.InvariantCulture),
                'd' => t.Day.ToString("00", CultureInfo.InvariantCulture),
                'e' => t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'H' => t.Hour.ToString("00", CultureInfo.InvariantCulture),
                'k' => t.Hour.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'I' => ((t.Hour + 11) % 12 + 1).ToString("00", CultureInfo.InvariantCulture),
                'l' => ((t.Hour + 11) % 12 + 1).ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'M' => t.Minute.ToString("00", CultureInfo.InvariantCulture),
                'S' => t.Second.ToString("00", CultureInfo.InvariantCulture),
                'p' => t.Hour < 12 ? "AM" : "PM",
                'Z' => t.Offset == TimeSpan.Zero ? "UTC" : TimeZoneInfo.Local.StandardName,
                'z' => (t.Offset < TimeSpan.Zero ? "-" : "+") + t.Offset.ToString("hhmm", CultureInfo.InvariantCulture),
                'a' => Days[(int)t.DayOfWeek][..3],
                'A' => Days[(int)t.DayOfWeek],
                'b' or 'h' => Months[t.Month - 1][..3],
                'B' => Months[t.Month - 1],
                'j' => t.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                'u' => (t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'w' => ((int)t.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                's' => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                'T' => Strftime(t, "%H:%M:%S"),
                'D' => Strftime(t, "%m/%d/%y"),
                'F' => Strftime(t, "%Y-%m-%d"),
                'R' => Strftime(t, "%H:%M"),
                'r' => Strftime(t, "%I:%M:%S %p"),
                'c' => Strftime(t, "%a %b %e %H:%M:%S %Y"),
                'x' => Strftime(t, "%m/%d/%y"),
                'X' => Strftime(t, "%H:%M:%S"),
                'G' => ISOWeek.GetYear(t.DateTime).ToString(CultureInfo.InvariantCulture),
                'V' => ISOWeek.GetWeekOfYear(t.DateTime).ToString("00", CultureInfo.InvariantCulture),
                'U' => ((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7).ToString("00", CultureInfo.InvariantCulture),
                'W' => ((t.DayOfYear + 6 - ((int)t.DayOfWeek + 6) % 7) / 7).ToString("00", CultureInfo.InvariantCulture),
                'n' => "\n",
                't' => "\t",
                '%' => "%",
                _ => "%" + ch,
            });
        }

        return b.ToString();
    }

    private static DateTimeOffset Strptime(string s, string format)
    {
        int year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0;
        var offset = TimeSpan.Zero;
        long? epoch = null;
        var pos = 0;
        JqException Mismatch() => Errors.Error($"date \"{s}\" does not match format \"{format}\"");

        int Digits(int max)
        {
            var start = pos;
            if (pos < s.Length && (s[pos] == '+' || s[pos] == '-'))
            {
                pos++;
            }

            while (pos < s.Length && pos - start < max && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            if (pos == start)
            {
                throw Mismatch();
            }

            return int.Parse(s.AsSpan(start, pos - start), CultureInfo.InvariantCulture);
        }

        int Name(string[] names)
        {
            for (var i = 0; i < names.Length; i++)
            {
                foreach (var candidate in new[] { names[i], names[i][..3] })
                {
                    if (string.Compare(s, pos, candidate, 0, candidate.Length, StringComparison.OrdinalIgnoreCase) == 0)
                    {
                        pos += candidate.Length;
                        return i;
                    }
                }
            }

            throw Mismatch();
        }

        for (var i = 0; i < format.Length; i++)
        {
            var f = format[i];
            if (char.IsWhiteSpace(f))
            {
                while (pos < s.Length && char.IsWhiteSpace(s[pos]))
                {
                    pos++;
                }

                continue;
            }

            if (f != '%' || i + 1 >= format.Length)
            {
                if (pos >= s.Length || s[pos] != f)
                {
                    throw Mismatch();
                }

                pos++;
                continue;
            }

            switch (format[++i])
            {
                case 'Y': year = Digits(4); break;
                case 'm': month = Digits(2); break;
                case 'd': case 'e': day = Digits(2); break;
                case 'H': hour = Digits(2); break;
                case 'M': minute = Digits(2); break;
                case 'S': second = Digits(2); break;
                case 'y': year = Digits(2) is var y && y < 69 ? 2000 + y : 1900 + y; break;
                case 'j': var yday = Digits(3); month = 1; day = yday; break;
                case 'b': case 'B': case 'h': month = Name(Months) + 1; break;
                case 'a': case 'A': Name(Days); break;
                case 's': epoch = Digits(20); break;
                case 'T': var t = Strptime(s[pos..], "%H:%M:%S"); hour = t.Hour; minute = t.Minute; second = t.Second; pos += 8; break;
                case 'F': var date = Strptime(s[pos..], "%Y-%m-%d"); year = date.Year; month = date.Month; day = date.Day; pos += 10; break;
                case 'z':
                    if (pos < s.Length && s[pos] == 'Z')
                    {
                        pos++;
                        break;
                    }

                    var sign = pos < s.Length && s[pos] == '-' ? -1 : 1;
                    pos++;
                    var hhmm = Digits(4);
                    offset = TimeSpan.FromMinutes(sign * (hhmm / 100 * 60 + hhmm % 100));
                    break;
                case 'Z':
                    while (pos < s.Length && char.IsAsciiLetter(s[pos]))
                    {
                        pos++;
                    }

                    break;
                case '%':
                    if (pos >= s.Length || s[pos] != '%')
                    {
                        throw Mismatch();
                    }

                    pos++;
                    break;
                default:
                    throw Mismatch();
            }
        }

        if (pos != s.Length)
        {
            throw Mismatch();
        }

        if (epoch is { } seconds)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        try
        {
            // jq's strptime ignores %z for the broken-down time (glibc keeps it in tm_gmtoff only).
            _ = offset;
            return new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(month - 1).AddDays(day - 1).AddHours(hour).AddMinutes(minute).AddSeconds(second);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Mismatch();
        }
    }
}
