namespace HttmOrleans.DataChefs.Tests; internal static class AssemblyMarker { }
