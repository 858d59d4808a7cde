namespace HttmOrleans.DataChefs; internal static class AssemblyMarker { }
