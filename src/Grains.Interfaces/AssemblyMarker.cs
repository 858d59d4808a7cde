namespace HttmOrleans.GrainsInterfaces; internal static class AssemblyMarker { }
