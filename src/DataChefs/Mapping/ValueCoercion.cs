using System.Globalization;

namespace HttmOrleans.DataChefs.Mapping;

/// <summary>The coercion rules shared by every dataset kind.</summary>
public static class ValueCoercion
{
    // Below this a number is taken as Unix seconds, above as milliseconds: 1e11 s is the
    // year 5138, 1e11 ms is March 1973, so real data never sits on the wrong side.
    private const double SecondsMillisecondsBoundary = 1e11;

    /// <summary>Text for ids and documents: numbers in invariant form, trimmed; null when blank.</summary>
    public static string? ToText(object? value, bool trim = true)
    {
        var text = value switch
        {
            null or DBNull => null,
            string s => s,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (text is null)
        {
            return null;
        }

        var result = trim ? text.Trim() : text;
        return string.IsNullOrWhiteSpace(result) ? null : result;
    }

    /// <summary>A finite float; blank gives <paramref name="defaultValue"/>.</summary>
    public static bool TryToFloat(object? value, float defaultValue, out float result)
    {
        double number;
        switch (value)
        {
            case null or DBNull:
                result = defaultValue;
                return true;
            case string s when string.IsNullOrWhiteSpace(s):
                result = defaultValue;
                return true;
            case string s:
                if (!double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                {
                    result = 0;
                    return false;
                }

                break;
            case bool b:
                number = b ? 1 : 0;
                break;
            case IConvertible c when value is not DateTime:
                number = c.ToDouble(CultureInfo.InvariantCulture);
                break;
            default:
                result = 0;
                return false;
        }

        result = (float)number;
        return float.IsFinite(result);
    }

    /// <summary>Unix milliseconds from Unix seconds, Unix milliseconds, ISO-8601 or a date value; blank gives null.</summary>
    public static bool TryToTimestamp(object? value, out long? unixMs)
    {
        unixMs = null;
        switch (value)
        {
            case null or DBNull:
                return true;
            case DateTimeOffset dto:
                unixMs = dto.ToUnixTimeMilliseconds();
                return true;
            case DateTime dt:
                var utc = dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime();
                unixMs = new DateTimeOffset(utc).ToUnixTimeMilliseconds();
                return true;
            case string s when string.IsNullOrWhiteSpace(s):
                return true;
            case string s:
                var trimmed = s.Trim();
                if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return FromNumber(number, out unixMs);
                }

                // Only ISO-8601 shapes (yyyy-MM-dd…): "01/02/2024" means different days in different places.
                if (LooksIso(trimmed) && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
                {
                    unixMs = parsed.ToUnixTimeMilliseconds();
                    return true;
                }

                return false;
            case IConvertible c and not bool:
                return FromNumber(c.ToDouble(CultureInfo.InvariantCulture), out unixMs);
            default:
                return false;
        }
    }

    private static bool LooksIso(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2])
        && char.IsAsciiDigit(text[3]) && text[4] == '-' && text[7] == '-';

    private static bool FromNumber(double number, out long? unixMs)
    {
        unixMs = null;
        if (!double.IsFinite(number) || Math.Abs(number) > 1e16)
        {
            return false;
        }

        unixMs = Math.Abs(number) < SecondsMillisecondsBoundary ? (long)Math.Round(number * 1000) : (long)Math.Round(number);
        return true;
    }
}
