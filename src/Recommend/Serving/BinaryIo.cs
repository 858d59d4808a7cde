using System.Runtime.InteropServices;

namespace HttmOrleans.Recommend.Serving;

/// <summary>Array helpers for the model format: raw little-endian blocks behind a length, no per-element calls.</summary>
internal static class BinaryIo
{
    public static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static T[] ReadArray<T>(BinaryReader reader, int maxLength = int.MaxValue)
        where T : unmanaged
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > maxLength)
        {
            throw new InvalidDataException($"Array length {length} is out of range.");
        }

        var values = new T[length];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        while (bytes.Length > 0)
        {
            var read = reader.Read(bytes);
            if (read == 0)
            {
                throw new EndOfStreamException("The model stream ended inside an array.");
            }

            bytes = bytes[read..];
        }

        return values;
    }
}
