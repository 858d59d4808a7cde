namespace HttmOrleans.Summarization; internal static class AssemblyMarker { }
