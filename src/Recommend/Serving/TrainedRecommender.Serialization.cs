using System.Text;
using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Serving;

/// <summary>The compact binary model format: a versioned header, id maps, seen items, popularity, the scorer.</summary>
public sealed partial class TrainedRecommender
{
    private const uint Magic = 0x4D525448; // "HTRM" little-endian
    private const int FormatVersion = 1;

    /// <summary>Writes the model; <see cref="Load"/> reads it back. The stream is left open.</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Algorithm);
        writer.Write(HyperparametersJson);
        WriteIds(writer, UserIds);
        WriteIds(writer, ItemIds);
        BinaryIo.WriteArray<int>(writer, Seen.RowPointers);
        BinaryIo.WriteArray<int>(writer, Seen.ColumnIndices);
        BinaryIo.WriteArray<float>(writer, Seen.Values);
        BinaryIo.WriteArray<float>(writer, Popularity);
        writer.Write((byte)_scorer.Kind);
        _scorer.Write(writer);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a model file, an unsupported format version, or inconsistent contents.</exception>
    public static TrainedRecommender Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("Not a recommender model (bad magic number).");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Model format version {version} is not supported (expected {FormatVersion}).");
        }

        var algorithm = reader.ReadString();
        var parameters = reader.ReadString();
        var users = ReadIds(reader);
        var items = ReadIds(reader);
        var pointers = BinaryIo.ReadArray<int>(reader, users.Count + 1);
        var columns = BinaryIo.ReadArray<int>(reader);
        var values = BinaryIo.ReadArray<float>(reader);
        if (pointers.Length != users.Count + 1 || columns.Length != values.Length || pointers[^1] != columns.Length)
        {
            throw new InvalidDataException("Seen-items matrix does not match the user map.");
        }

        var popularity = BinaryIo.ReadArray<float>(reader, items.Count);
        if (popularity.Length != items.Count)
        {
            throw new InvalidDataException("Popularity does not match the item map.");
        }

        var scorer = ModelScorer.Read(reader, (ScorerKind)reader.ReadByte(), users.Count, items.Count);
        var seen = new CsrMatrix(users.Count, items.Count, pointers, columns, values);
        return new TrainedRecommender(algorithm, parameters, users, items, seen, popularity, scorer);
    }

    private static void WriteIds(BinaryWriter writer, IdMap ids)
    {
        writer.Write(ids.Count);
        foreach (var id in ids.Ids)
        {
            writer.Write(id);
        }
    }

    private static IdMap ReadIds(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException("Negative id count.");
        }

        var ids = new IdMap();
        for (var n = 0; n < count; n++)
        {
            ids.GetOrAdd(reader.ReadString());
        }

        return ids.Count == count ? ids : throw new InvalidDataException("Duplicate ids in the model.");
    }
}
