namespace HttmOrleans.RuntimeTestGrains; internal static class AssemblyMarker { }
