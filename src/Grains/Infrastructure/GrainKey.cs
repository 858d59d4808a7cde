namespace HttmOrleans.Grains;

/// <summary>A grain as the catalog names it: its type name (e.g. <c>Model</c>) and string key.</summary>
public sealed record GrainKey(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
