namespace HttmOrleans.Storage;

/// <summary>One schema step. Each dialect carries its own SQL for the same version; versions only grow.</summary>
public sealed record Migration(int Version, string Name, string Sql);
