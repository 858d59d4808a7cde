using System.Numerics.Tensors;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Features;

namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// A field-aware factorization machine folded into vectors (see <see cref="FfmFolding"/>): score = item bias +
/// user·item over 4 × components values. A user or item known only by features has a vector from them alone; a
/// new user's vector is built at request time from the user-feature part of the model.
/// </summary>
internal sealed class FieldAwareScorer : ModelScorer
{
    private readonly int _components;
    private readonly int _dimensions;
    private readonly float[] _users;
    private readonly ItemVectors _items;
    private readonly float[] _itemBias;
    private readonly bool[] _scorable;
    private readonly IdMap _userFeatureNames;
    private readonly float[] _featureVectors;
    private readonly FeatureMatrix _encoder;

    public FieldAwareScorer(int components, float[] users, float[] items, float[] itemBias, bool[] scorable, IdMap userFeatureNames, float[] featureVectors)
    {
        _components = components;
        _dimensions = 4 * components;
        _users = users;
        _items = new ItemVectors(_dimensions, items, itemBias);
        _itemBias = itemBias;
        _scorable = scorable;
        _userFeatureNames = userFeatureNames;
        _featureVectors = featureVectors;
        _encoder = new FeatureMatrix(userFeatureNames, CsrMatrix.FromCoordinates(0, userFeatureNames.Count, [], [], []));
    }

    public override ScorerKind Kind => ScorerKind.FieldAware;

    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores) =>
        _items.Score(_users.AsSpan(user * _dimensions, _dimensions), scores);

    public override bool CanScoreUser(int user) => user >= 0 && user < _scorable.Length && _scorable[user];

    public override bool TryScoreNewUser(IReadOnlyList<KeyValuePair<string, string>> features, Span<float> scores, List<string> unknown)
    {
        var indices = new List<int>();
        var weights = new List<float>();
        _encoder.Encode(features, indices, weights, unknown);
        if (indices.Count == 0)
        {
            return false;
        }

        var values = weights.ToArray();
        FfmLayout.Normalize(values);
        var vector = new float[_dimensions];
        FfmFolding.AddFeatures(_featureVectors, _components, [.. indices], values, vector.AsSpan(2 * _components));
        _items.Score(vector, scores);
        return true;
    }

    public override void ScoreSimilar(int item, Span<float> scores) => _items.ScoreSimilar(item, scores);

    public override void Write(BinaryWriter writer)
    {
        writer.Write(_components);
        BinaryIo.WriteArray<float>(writer, _users);
        BinaryIo.WriteArray<float>(writer, _items.Rows);
        BinaryIo.WriteArray<float>(writer, _itemBias);
        BinaryIo.WriteArray<bool>(writer, _scorable);
        writer.Write(_userFeatureNames.Count);
        foreach (var name in _userFeatureNames.Ids)
        {
            writer.Write(name);
        }

        BinaryIo.WriteArray<float>(writer, _featureVectors);
    }

    public static FieldAwareScorer Read(BinaryReader reader, int users, int items)
    {
        var components = reader.ReadInt32();
        var u = BinaryIo.ReadArray<float>(reader);
        var v = BinaryIo.ReadArray<float>(reader);
        var bias = BinaryIo.ReadArray<float>(reader, items);
        var scorable = BinaryIo.ReadArray<bool>(reader, users);
        var featureCount = reader.ReadInt32();
        if (featureCount < 0)
        {
            throw new InvalidDataException("Negative user feature count.");
        }

        var names = new IdMap();
        for (var n = 0; n < featureCount; n++)
        {
            names.GetOrAdd(reader.ReadString());
        }

        var featureVectors = BinaryIo.ReadArray<float>(reader);
        var d = 4L * components;
        if (components <= 0 || u.Length != users * d || v.Length != items * d || bias.Length != items || scorable.Length != users
            || names.Count != featureCount || featureVectors.Length != featureCount * 2L * components)
        {
            throw new InvalidDataException("Field-aware vectors do not match the id maps.");
        }

        return new FieldAwareScorer(components, u, v, bias, scorable, names, featureVectors);
    }
}
