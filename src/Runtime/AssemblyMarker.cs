namespace HttmOrleans.Runtime; internal static class AssemblyMarker { }
