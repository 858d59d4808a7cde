using System.Globalization;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Features;

namespace HttmOrleans.Recommend.Training;

/// <summary>
/// Reads a model's user or item features snapshot and aligns it with the interactions' id map. Rows for an entity
/// without interactions are kept and the entity joins the map (an item with features but no interaction becomes a
/// recommendable cold item; such a user can be ranked from its features); what was found goes into the run's details.
/// </summary>
internal static class FeatureSnapshotReader
{
    private const int ReportEvery = 1 << 16;

    /// <summary>Builds the features of <paramref name="entities"/> (adding feature-only entities to it) and describes them.</summary>
    /// <param name="snapshot">The features snapshot.</param>
    /// <param name="role"><c>user</c> or <c>item</c>, for messages and detail keys.</param>
    /// <param name="entities">The interactions' user or item map; grows by the feature-only entities.</param>
    /// <param name="details">Receives <c>{role}_features</c> (a sentence) and the counts behind it.</param>
    /// <param name="onRows">Called every so many rows with the count read.</param>
    /// <param name="cancellationToken">Checked between pages of rows.</param>
    /// <exception cref="InvalidDataException">The snapshot is not a features snapshot or has a bad row.</exception>
    public static async Task<FeatureMatrix> ReadAsync(
        IDatasetSnapshot snapshot, string role, IdMap entities, Dictionary<string, string> details, Func<long, ValueTask> onRows, CancellationToken cancellationToken)
    {
        var name = $"Snapshot {snapshot.Number} of dataset '{snapshot.DatasetId}'";
        if (snapshot.Kind != DatasetKinds.Features)
        {
            throw new InvalidDataException(
                $"{name} was given as the model's {role} features but is a '{snapshot.Kind}' dataset; {role}_features_dataset_id must name a '{DatasetKinds.Features}' dataset (entity_id, feature, value).");
        }

        var samples = new List<FeatureSample>((int)Math.Min(snapshot.RowCount, 1 << 20));
        await foreach (var row in snapshot.ReadFeaturesAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            if (string.IsNullOrEmpty(row.EntityId) || string.IsNullOrEmpty(row.Feature) || !float.IsFinite(row.Value))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name}, row {samples.Count}: entity_id and feature must be non-empty and value a finite number (got '{row.EntityId}', '{row.Feature}', {row.Value})."));
            }

            samples.Add(row);
            if (samples.Count % ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await onRows(samples.Count).ConfigureAwait(false);
            }
        }

        var withInteractions = entities.Count;
        var build = FeatureMatrix.Build(entities, samples, addUnknown: true);
        var matrix = build.Matrix;
        var withFeatures = 0;
        var withoutFeatures = 0;
        for (var e = 0; e < matrix.EntityCount; e++)
        {
            withFeatures += matrix.HasFeatures(e) ? 1 : 0;
            withoutFeatures += e < withInteractions && !matrix.HasFeatures(e) ? 1 : 0;
        }

        var plural = role + "s";
        details[role + "_features_snapshot"] = string.Create(CultureInfo.InvariantCulture, $"{snapshot.DatasetId}#{snapshot.Number}");
        details[role + "_feature_rows"] = Invariant(samples.Count);
        details[role + "_feature_count"] = Invariant(matrix.FeatureCount);
        details[plural + "_with_features"] = Invariant(withFeatures);
        details[plural + "_added_from_features"] = Invariant(build.AddedEntities);
        details[plural + "_without_features"] = Invariant(withoutFeatures);
        details[role + "_features"] = string.Create(
            CultureInfo.InvariantCulture,
            $"{samples.Count} rows, {matrix.FeatureCount} distinct features; {withFeatures} {plural} have features; {build.AddedEntities} {plural} have features but no interactions: {(role == "item" ? "added as cold items" : "added as users known only by features")}; {withoutFeatures} {plural} have interactions but no features.");
        return matrix;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
