namespace HttmOrleans.Grains; internal static class AssemblyMarker { }
