using System.Text.Json;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Jobs;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Endpoints;

/// <summary>Server-Sent Events of a version: a <c>progress</c> event whenever it changes, <c>done</c> when it ends.</summary>
internal static class ProgressStream
{
    public static async Task WriteAsync(HttpContext http, IGrainFactory grains, string modelId, string version, CancellationToken ct)
    {
        var first = await ModelEndpoints.RequireVersion(grains, modelId, version);
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        string? last = null;
        var idle = 0;
        var current = first;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var text = JsonSerializer.Serialize(current, json);
                if (text != last)
                {
                    var final = VersionStatus.IsFinal(current.Status);
                    await http.Response.WriteAsync($"event: {(final ? "done" : "progress")}\ndata: {text}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    last = text;
                    if (final) return;
                }
                else if (++idle % 30 == 0)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }

                await Task.Delay(250, ct);
                current = await ModelEndpoints.RequireVersion(grains, modelId, version);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
