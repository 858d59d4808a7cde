namespace HttmOrleans.SummarizationTests; internal static class AssemblyMarker { }
