namespace HttmOrleans.Runtime;

/// <summary>The identity of one grain: its type name and its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
