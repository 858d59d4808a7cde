using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Serving;

/// <summary>The model file carries the user and item vectors and what cold start needs: user feature names, scales and embeddings.</summary>
internal sealed partial class FeatureEmbeddingScorer
{
    public override void Write(BinaryWriter writer)
    {
        writer.Write(_k);
        BinaryIo.WriteArray<float>(writer, _users);
        BinaryIo.WriteArray<float>(writer, _items.Rows);
        BinaryIo.WriteArray<float>(writer, _itemBias);
        var names = _userFeatures.Features;
        writer.Write(names.Count);
        foreach (var name in names.Ids)
        {
            writer.Write(name);
        }

        BinaryIo.WriteArray<float>(writer, _userScales);
        BinaryIo.WriteArray<float>(writer, _userEmbeddings);
    }

    public static FeatureEmbeddingScorer Read(BinaryReader reader, int users, int items)
    {
        var k = reader.ReadInt32();
        var u = BinaryIo.ReadArray<float>(reader);
        var v = BinaryIo.ReadArray<float>(reader);
        var bias = BinaryIo.ReadArray<float>(reader, items);
        var count = reader.ReadInt32();
        if (k <= 0 || count < 0 || u.Length != (long)users * k || v.Length != (long)items * k || bias.Length != items)
        {
            throw new InvalidDataException("Feature-embedding vectors do not match the id maps.");
        }

        var names = new IdMap();
        for (var n = 0; n < count; n++)
        {
            names.GetOrAdd(reader.ReadString());
        }

        var scales = BinaryIo.ReadArray<float>(reader, count);
        var embeddings = BinaryIo.ReadArray<float>(reader);
        if (names.Count != count || scales.Length != count || embeddings.Length != (long)count * k)
        {
            throw new InvalidDataException("User feature embeddings do not match their names.");
        }

        return new FeatureEmbeddingScorer(k, u, v, bias, names, scales, embeddings);
    }
}
