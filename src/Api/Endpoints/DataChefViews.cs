using System.Text.Json.Nodes;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Data chefs as the generic views show them: a chef's raw grain state and events (the grain view)
/// and its materialization jobs (the jobs view) go through <see cref="DataChefSecrets"/> like the
/// data-chef routes, so no view has a redaction of its own to get wrong.
/// </summary>
internal static class DataChefViews
{
    /// <summary>
    /// A data chef's stored state with its source redacted, and every string in it and in
    /// <paramref name="events"/> scrubbed of the source's secrets.
    /// </summary>
    public static void RedactState(JsonObject state, IEnumerable<JsonNode?> events)
    {
        var sourceKey = state.Select(p => p.Key).FirstOrDefault(k => k.Equals("source", StringComparison.OrdinalIgnoreCase));
        var typeKey = state.Select(p => p.Key).FirstOrDefault(k => k.Replace("_", "", StringComparison.Ordinal).Equals("sourcetype", StringComparison.OrdinalIgnoreCase));
        if (sourceKey is null) return;
        if (state[sourceKey] is not JsonObject source)
        {
            state[sourceKey] = Secrets.Mask;
            return;
        }

        var sourceType = typeKey is null ? DataChefBodies.Text(source["kind"]) ?? "" : DataChefBodies.Text(state[typeKey]) ?? "";
        var secrets = DataChefSecrets.SecretValues(sourceType, source);
        state[sourceKey] = DataChefSecrets.RedactSource(sourceType, source);
        Scrub(state, secrets);
        foreach (var e in events) Scrub(e, secrets);
    }

    /// <summary>Jobs with the error and progress texts of data-chef jobs scrubbed of that chef's secrets.</summary>
    public static async Task<List<JobRecord>> ScrubJobsAsync(IReadOnlyList<JobRecord> jobs, ClusterAdmin admin, IGrainFactory grains)
    {
        var chefType = admin.GrainTypeName<IDataChefGrain>();
        var secretsByChef = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        var result = new List<JobRecord>(jobs.Count);
        foreach (var job in jobs)
        {
            if (job.Owner.Type != chefType)
            {
                result.Add(job);
                continue;
            }

            if (!secretsByChef.TryGetValue(job.Owner.Key, out var secrets))
            {
                var chef = await grains.GetGrain<IDataChefGrain>(job.Owner.Key).Get();
                secrets = chef is null ? [] : DataChefSecrets.SecretValues(chef.SourceType, chef.Source);
                secretsByChef[job.Owner.Key] = secrets;
            }

            result.Add(secrets.Count == 0 ? job : job with
            {
                Error = job.Error is null ? null : Secrets.Scrub(job.Error, secrets),
                ProgressMessage = job.ProgressMessage is null ? null : Secrets.Scrub(job.ProgressMessage, secrets),
                ProgressDetails = job.ProgressDetails is null ? null : Secrets.Scrub(job.ProgressDetails, secrets),
                Result = job.Result is null ? null : Secrets.Scrub(job.Result, secrets),
            });
        }

        return result;
    }

    private static void Scrub(JsonNode? node, IReadOnlyCollection<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is JsonValue v && v.TryGetValue<string>(out var text)) obj[name] = Secrets.Scrub(text, secrets);
                    else Scrub(obj[name], secrets);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text)) array[i] = Secrets.Scrub(text, secrets);
                    else Scrub(array[i], secrets);
                }

                break;
        }
    }
}
