using System.Text;

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>One request of the bad-input walk. <see cref="Malformed"/>: a body no route may accept.</summary>
public sealed record WalkRequest(WalkOperation Operation, string Variant, string Path, string? ContentType, byte[]? Body, bool Malformed);

/// <summary>
/// The bad inputs of the OpenAPI walk: malformed and odd bodies, bad query values and bad path ids.
/// Each dimension varies alone (the others stay valid), and the per-field variants are taken in a fixed
/// rotation up to a cap, so the walk is the same on every run and bounded whatever the document holds.
/// </summary>
public static class WalkVariants
{
    public const int MaxFieldVariants = 36;

    public static readonly string[] BadIds =
        ["", " ", "..", "%2e%2e%2f", new('a', 1000), "%00", "summarize", "%E2%80%AEx", "e%CC%81%CC%81", "nope", "a%2Fb", "%ED%A0%80"];

    public static readonly (string Label, string Value)[] BadQuery =
    [
        ("empty", ""), ("huge", new('9', 4000)), ("negative", "-1"), ("not a number", "abc"), ("overflow", "99999999999999999999"),
        ("NUL", "%00"), ("RTL mark", "%E2%80%AEx"), ("combining marks", "e%CC%81%CC%81"), ("bad UTF-8", "%ED%A0%80"), ("path", "..%2F..%2Fetc%2Fpasswd"),
    ];

    private static readonly string Deep = string.Concat(Enumerable.Repeat("{\"a\":", 256)) + "1" + new string('}', 256);
    private static readonly string DeepArray = new string('[', 256) + new string(']', 256);
    private static readonly string Huge = new('x', 1 << 20);

    /// <summary>Bodies every route must refuse (400/415/422), and that never reach a handler's writes.</summary>
    public static IEnumerable<(string Label, string? Type, string Body)> MalformedBodies()
    {
        yield return ("not JSON", "application/json", "{\"a\":");
        yield return ("array", "application/json", "[]");
        yield return ("array of objects", "application/json", "[{}]");
        yield return ("string", "application/json", "\"text\"");
        yield return ("number", "application/json", "42");
        yield return ("nested 256 deep", "application/json", Deep);
        yield return ("arrays 256 deep", "application/json", DeepArray);
        yield return ("multipart without boundary", "multipart/form-data", "a,b\n1,2\n");
        yield return ("truncated multipart", "multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b");
    }

    /// <summary>Bodies that are odd but may be accepted by some route.</summary>
    public static IEnumerable<(string Label, string? Type, string Body)> OddBodies()
    {
        yield return ("null", "application/json", "null");
        yield return ("empty object", "application/json", "{}");
        yield return ("empty body", "application/json", "");
        yield return ("huge string", "application/json", "\"" + Huge + "\"");
        yield return ("text/plain", "text/plain", "hello");
    }

    /// <summary>Per-field variants: (label, JSON value, malformed). Malformed values fail binding whatever the route.</summary>
    public static IReadOnlyList<(string Label, Func<string, string> Value, bool Malformed, int MaxFields)> FieldKinds { get; } =
    [
        ("wrong type", WrongType, true, 3),
        ("lone high surrogate", _ => "\"x\\ud800\"", true, 3),
        ("lone low surrogate", _ => "\"\\udc00x\"", true, 2),
        ("nested 256 deep", _ => Deep, true, 2),
        ("null", _ => "null", false, 2),
        ("empty string", _ => "\"\"", false, 3),
        ("huge string", _ => "\"" + Huge + "\"", false, 1),
        ("NUL", _ => "\"a\\u0000b\"", true, 3),
        ("RTL mark", _ => "\"\\u202eabc\"", false, 3),
        ("combining marks", _ => "\"e\\u0301\\u0301\\u0301\"", false, 3),
        ("path traversal", _ => "\"../../etc/passwd\"", false, 3),
        ("1000 characters", _ => "\"" + new string('a', 1000) + "\"", false, 2),
        ("negative", t => t is "integer" or "number" ? "-1" : "\"-1\"", false, 2),
        ("overflow", t => t is "integer" or "number" ? "1e400" : "\"1e400\"", false, 2),
    ];

    /// <summary>
    /// The body variants of one operation (fields rotated per kind, capped), as (label, type, body, malformed).
    /// With <paramref name="filled"/> the other fields hold plausible values, so a check behind the first
    /// missing field is reached too; only for routes that write nothing, where such a body may succeed.
    /// </summary>
    public static IEnumerable<(string Label, string? Type, string Body, bool Malformed)> Bodies(WalkOperation op, bool filled)
    {
        foreach (var (label, type, body) in MalformedBodies()) yield return (label, type, body, true);
        foreach (var (label, type, body) in OddBodies()) yield return (label, type, body, false);
        var fields = op.BodyFields;
        if (fields.Count == 0) yield break;
        var taken = 0;
        for (var k = 0; k < FieldKinds.Count && taken < MaxFieldVariants; k++)
        {
            var (label, value, malformed, max) = FieldKinds[k];
            for (var f = 0; f < Math.Min(max, fields.Count) && taken < MaxFieldVariants; f++, taken++)
            {
                var (name, type) = fields[(k + f) % fields.Count];
                var json = "{" + string.Join(',', fields.Where(x => filled || x.Name == name)
                    .Select(x => $"\"{x.Name}\":{(x.Name == name ? value(type) : Plausible(x.Type))}")) + "}";
                yield return ($"{name}: {label}", "application/json", json, malformed && (label != "wrong type" || !op.RawBody));
            }
        }
    }

    /// <summary>Query variants: each parameter with each bad value, and repeated.</summary>
    public static IEnumerable<(string Label, string Query)> Queries(WalkOperation op, Func<string, string, string> valid)
    {
        foreach (var (name, _) in op.Query)
        {
            var others = string.Join("", op.Query.Where(q => q.Name != name).Select(q => $"&{q.Name}={valid(op.Template, q.Name)}"));
            foreach (var (label, value) in BadQuery) yield return ($"?{name}: {label}", $"?{name}={value}{others}");
            yield return ($"?{name}: repeated", $"?{name}=1&{name}=2{others}");
            yield return ($"?{name}: listed twice", $"?{name}={valid(op.Template, name)},{valid(op.Template, name)}{others}");
        }
    }

    public static byte[] Bytes(string body) => Encoding.UTF8.GetBytes(body);

    private static string Plausible(string type) => type switch
    {
        "integer" or "number" => "1",
        "boolean" => "true",
        "object" => "{}",
        "array" => "[\"x\"]",
        _ => "\"x\"",
    };

    private static string WrongType(string type) => type switch
    {
        "string" => "12345",
        "integer" or "number" => "\"twelve\"",
        "boolean" => "\"maybe\"",
        "object" => "\"not an object\"",
        "array" => "{\"not\":\"an array\"}",
        _ => "[1,[2,[3]]]",
    };
}
