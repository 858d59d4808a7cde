namespace HttmOrleans.RecommendTests; internal static class AssemblyMarker { }
