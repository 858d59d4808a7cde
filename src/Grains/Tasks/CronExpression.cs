namespace HttmOrleans.Grains;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week, UTC) with <c>*</c>,
/// lists, ranges and steps, plus the <c>@hourly</c>/<c>@daily</c>/<c>@weekly</c>/<c>@monthly</c> shorthands.
/// As in Vixie cron, when both day fields are restricted a day matches if either does.
/// </summary>
public sealed class CronExpression
{
    private readonly bool[] _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _dayRestricted, _weekdayRestricted;

    private CronExpression(bool[][] fields, bool dayRestricted, bool weekdayRestricted)
    {
        (_minutes, _hours, _days, _months, _weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        (_dayRestricted, _weekdayRestricted) = (dayRestricted, weekdayRestricted);
    }

    /// <summary>Parses <paramref name="text"/>, or explains in <paramref name="error"/> why not.</summary>
    public static bool TryParse(string? text, out CronExpression? cron, out string? error)
    {
        cron = null;
        error = null;
        var expanded = (text ?? "").Trim() switch
        {
            "@hourly" => "0 * * * *",
            "@daily" or "@midnight" => "0 0 * * *",
            "@weekly" => "0 0 * * 0",
            "@monthly" => "0 0 1 * *",
            var other => other,
        };
        var parts = expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = "Use five fields: minute hour day-of-month month day-of-week (UTC), e.g. '*/5 * * * *'.";
            return false;
        }

        (string Name, int Min, int Max)[] limits = [("minute", 0, 59), ("hour", 0, 23), ("day-of-month", 1, 31), ("month", 1, 12), ("day-of-week", 0, 7)];
        var fields = new bool[5][];
        for (var i = 0; i < 5; i++)
        {
            fields[i] = new bool[limits[i].Max + 1];
            if (!TryParseField(parts[i], limits[i].Min, limits[i].Max, fields[i]))
            {
                error = $"The {limits[i].Name} field '{parts[i]}' is not valid (allowed {limits[i].Min}-{limits[i].Max}, '*', lists, ranges, steps).";
                return false;
            }
        }

        if (fields[4][7]) fields[4][0] = true; // 7 is Sunday too
        cron = new CronExpression(fields, parts[2] != "*", parts[4] != "*");
        return true;
    }

    /// <summary>The first matching minute strictly after <paramref name="after"/>, or null if none within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var t = after.ToUniversalTime();
        t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var end = t.AddYears(5);
        while (t < end)
        {
            if (!_months[t.Month]) { t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1); continue; }
            if (!DayMatches(t)) { t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1); continue; }
            if (!_hours[t.Hour]) { t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1); continue; }
            if (_minutes[t.Minute]) return t;
            t = t.AddMinutes(1);
        }

        return null;
    }

    private bool DayMatches(DateTimeOffset t)
    {
        var day = _days[t.Day];
        var weekday = _weekdays[(int)t.DayOfWeek];
        return (_dayRestricted, _weekdayRestricted) switch
        {
            (true, true) => day || weekday,
            (true, false) => day,
            (false, true) => weekday,
            _ => true,
        };
    }

    private static bool TryParseField(string field, int min, int max, bool[] set)
    {
        foreach (var item in field.Split(','))
        {
            var step = 1;
            var range = item;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item[(slash + 1)..], out step) || step < 1) return false;
                range = item[..slash];
            }

            int from, to;
            if (range == "*") (from, to) = (min, max);
            else if (range.Split('-') is [var a, var b] && int.TryParse(a, out from) && int.TryParse(b, out to)) { }
            else if (int.TryParse(range, out from)) to = slash >= 0 ? max : from;
            else return false;
            if (from < min || to > max || from > to) return false;
            for (var v = from; v <= to; v += step) set[v] = true;
        }

        return true;
    }
}
