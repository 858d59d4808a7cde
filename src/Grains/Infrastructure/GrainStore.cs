namespace HttmOrleans.Grains;

/// <summary>The grain storage provider every domain grain names (registered by <c>UseHttmCluster</c>).</summary>
public static class GrainStore
{
    public const string Name = "store";
}
