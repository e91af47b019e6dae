using System.Globalization;
using System.Numerics;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Culture-free number formatting for result files: the same value always prints the same bytes.
/// Each text has a UTF-8 twin that formats into a span without allocating (for <see cref="Utf8CsvWriter"/>);
/// both give the same characters for every value.
/// </summary>
internal static class Fmt
{
    /// <summary>Whole microseconds as exact seconds with six decimals.</summary>
    public static string Seconds(long us)
    {
        if (us == 0) return "0.000000"; // most wait-reason columns: no formatting
        string sign = us < 0 ? "-" : "";
        long a = Math.Abs(us);
        return $"{sign}{(a / 1_000_000).ToString(CultureInfo.InvariantCulture)}.{(a % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)}";
    }

    public static string Number(double v, int decimals = 6)
        => Math.Round(v, decimals, MidpointRounding.ToEven).ToString(NumberFormats[decimals], CultureInfo.InvariantCulture);

    public static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The most bytes <see cref="Int(Span{byte}, long)"/> writes.</summary>
    public const int MaxIntBytes = 20;

    /// <summary>The most bytes <see cref="Seconds(Span{byte}, long)"/> writes.</summary>
    public const int MaxSecondsBytes = 21;

    /// <summary>The most bytes <see cref="Number(Span{byte}, double, int)"/> writes (a double in fixed point: up to 309 integer digits).</summary>
    public const int MaxNumberBytes = 340;

    private static readonly string[] NumberFormats = Enumerable.Range(0, 16).Select(d => "0." + new string('#', d)).ToArray();
    private static readonly double[] Pow10 = Enumerable.Range(0, 16).Select(d => Math.Pow(10, d)).ToArray();

    /// <summary><see cref="Int(long)"/> as UTF-8 into <paramref name="dst"/> (at least <see cref="MaxIntBytes"/> long); returns the bytes written.</summary>
    public static int Int(Span<byte> dst, long v)
    {
        if (v < 0)
        {
            if (v == long.MinValue) return Ascii(dst, "-9223372036854775808");
            dst[0] = (byte)'-';
            return 1 + Digits(dst[1..], (ulong)-v, 1);
        }
        return Digits(dst, (ulong)v, 1);
    }

    /// <summary><see cref="Seconds(long)"/> as UTF-8 into <paramref name="dst"/> (at least <see cref="MaxSecondsBytes"/> long).</summary>
    public static int Seconds(Span<byte> dst, long us)
    {
        if (us == 0) return Zero(dst); // most wait-reason columns
        int n = 0;
        ulong a;
        if (us < 0)
        {
            dst[n++] = (byte)'-';
            a = us == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)-us;
        }
        else a = (ulong)us;
        ulong whole = a / 1_000_000;
        n += Digits(dst[n..], whole, 1);
        dst[n++] = (byte)'.';
        uint frac = (uint)(a - whole * 1_000_000);
        uint high = frac / 10_000, low = frac - high * 10_000, mid = low / 100;
        var pairs = Pairs;
        var six = dst.Slice(n, 6);
        six[0] = pairs[(int)high * 2];
        six[1] = pairs[(int)high * 2 + 1];
        six[2] = pairs[(int)mid * 2];
        six[3] = pairs[(int)mid * 2 + 1];
        six[4] = pairs[(int)(low - mid * 100) * 2];
        six[5] = pairs[(int)(low - mid * 100) * 2 + 1];
        return n + 6;
    }

    /// <summary>
    /// <see cref="Number(double, int)"/> as UTF-8 into <paramref name="dst"/> (at least <see cref="MaxNumberBytes"/> long).
    /// Values under 1e8 that do not round to 0 are printed from their whole count of 10^-decimals units
    /// (the text the format string gives: the rounded value has at most 14 significant digits, so its
    /// 15-digit form is that decimal exactly), and what rounds to +0 is "0"; the others (-0 among them)
    /// go through the format string itself.
    /// </summary>
    public static int Number(Span<byte> dst, double v, int decimals = 6)
    {
        double r;
        if (decimals <= 6 && Math.Abs(v) < 1e16)
        {
            // What Math.Round(v, decimals, ToEven) computes for |v| < 1e16: round(v * 10^d) / 10^d. Below 1e8 that whole
            // count of units is also round(r * 10^d), the count the text is printed from.
            double scaled = Math.Round(v * Pow10[decimals]);
            r = scaled / Pow10[decimals];
            if (Math.Abs(r) < 1e8)
            {
                long units = (long)scaled;
                if (units == 0 && !double.IsNegative(r))
                {
                    dst[0] = (byte)'0'; // 0 and what rounds to it (not -0)
                    return 1;
                }
                if (units != 0) return decimals == 6 ? Units(dst, units, 1_000_000, 6) : Units(dst, units, (ulong)Pow10[decimals], decimals);
            }
        }
        else r = Math.Round(v, decimals, MidpointRounding.ToEven);
        return r.TryFormat(dst, out int written, NumberFormats[decimals], CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException("destination too short", nameof(dst));
    }

    /// <summary>A nonzero count of 1/<paramref name="scale"/> units as a decimal without trailing zeros.</summary>
    private static int Units(Span<byte> dst, long units, ulong scale, int decimals)
    {
        int n = 0;
        ulong a;
        if (units < 0)
        {
            dst[n++] = (byte)'-';
            a = (ulong)-units;
        }
        else a = (ulong)units;
        ulong whole = a / scale;
        n += Digits(dst[n..], whole, 1);
        ulong frac = a - whole * scale;
        if (frac != 0)
        {
            int digits = decimals;
            while (frac % 10 == 0)
            {
                frac /= 10;
                digits--;
            }
            dst[n++] = (byte)'.';
            n += Digits(dst[n..], frac, digits);
        }
        return n;
    }

    private static ReadOnlySpan<byte> Pairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static readonly ulong[] PowersOf10 = Enumerable.Range(0, 20).Select(d => (ulong)BigInteger.Pow(10, d)).ToArray();

    /// <summary>The number of decimal digits of <paramref name="v"/> (1 for 0).</summary>
    private static int CountDigits(ulong v)
    {
        int t = ((BitOperations.Log2(v) + 1) * 1233) >> 12; // floor(log10(v)) or one more
        return Math.Max(1, t + (v >= PowersOf10[t] ? 1 : 0));
    }

    /// <summary>The decimal digits of <paramref name="v"/>, left-padded with zeros to <paramref name="minDigits"/>.</summary>
    private static int Digits(Span<byte> dst, ulong v, int minDigits)
    {
        int n = Math.Max(CountDigits(v), minDigits);
        if (dst.Length < n) throw new ArgumentException("destination too short", nameof(dst));
        int i = n;
        var pairs = Pairs;
        while (v >= 100)
        {
            ulong q = v / 100;
            int r = (int)(v - q * 100) * 2;
            dst[--i] = pairs[r + 1];
            dst[--i] = pairs[r];
            v = q;
        }
        if (v >= 10)
        {
            int r = (int)v * 2;
            dst[--i] = pairs[r + 1];
            dst[--i] = pairs[r];
        }
        else dst[--i] = (byte)('0' + (int)v);
        while (i > 0) dst[--i] = (byte)'0';
        return n;
    }

    private static int Zero(Span<byte> dst)
    {
        "0.000000"u8.CopyTo(dst);
        return 8;
    }

    private static int Ascii(Span<byte> dst, string s)
    {
        for (int i = 0; i < s.Length; i++) dst[i] = (byte)s[i];
        return s.Length;
    }
}
