using System.Globalization;

namespace HttmOrleans.Grains.Datasets;

/// <summary>
/// How feature names are spelled, in one place for the importers that write them and the models that read them
/// back at request time: categorical <c>column=value</c>, numeric <c>column</c>, bucketed <c>column=[low,high)</c>.
/// </summary>
public static class FeatureNames
{
    /// <summary>The name of bucket <c>[low,high)</c> of <paramref name="column"/>; an empty bound is open.</summary>
    public static string Bucket(string column, double? low, double? high) =>
        string.Create(CultureInfo.InvariantCulture, $"{column}=[{low},{high})");
}
