namespace HttmOrleans.Recommend; internal static class AssemblyMarker { }
