using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Summarization through the API: text-pair datasets, lead-k and the PyTorch seq2seq trainer process, /summarize.</summary>
public sealed class SummarizationTests
{
    private static string XsumLines(int count)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HttmOrleans.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory!.FullName, "..", "shared", "data", "xsum", "xsum_test_1000.jsonl");
        return string.Join('\n', File.ReadLines(path).Take(count)) + "\n";
    }

    private static async Task ImportXsum(HttpClient admin, string dataset, int count)
    {
        await admin.Post("/api/v1/datasets", new { id = dataset, kind = "text-pairs" }, HttpStatusCode.Created);
        var content = new StringContent(XsumLines(count), Encoding.UTF8, "application/x-ndjson");
        var imported = await admin.Send(HttpMethod.Post, $"/api/v1/datasets/{dataset}/import?format=jsonl", content, HttpStatusCode.OK);
        Assert.Equal(count, imported["imported"]!.GetValue<int>());
    }

    [Fact]
    public async Task Lead_k_trains_scores_rouge_and_summarizes()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await ImportXsum(admin, "news", 200);
        await admin.Post("/api/v1/models", new { id = "lead", algorithm = "lead-k", dataset_id = "news", hyperparameters = new { k = 1 } }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models/lead/versions", new { }, HttpStatusCode.Accepted);
        var done = await admin.WaitForVersion("lead", "v1");
        foreach (var metric in new[] { "rouge1", "rouge2", "rougeL", "rougeLsum", "precision", "recall", "f1_score" })
            Assert.True(done["metrics"]![metric]!.GetValue<double>() > 0, $"{metric} should be positive: {done["metrics"]}");

        var one = await node.Anonymous.Post("/api/v1/summarize", new { text = "The first sentence is here. The second one follows. A third closes." });
        Assert.Equal("The first sentence is here.", one["summary"]!.GetValue<string>().Trim());
        var many = await node.Anonymous.Post("/api/v1/models/lead/summarize", new { texts = new[] { "One. Two.", "Alpha beta. Gamma." } });
        Assert.Equal(2, many["summaries"]!.AsArray().Count);
        await node.Anonymous.Post("/api/v1/summarize", new { texts = new[] { "ok", " " } }, HttpStatusCode.UnprocessableEntity);
        await admin.Post("/api/v1/models", new { id = "bad", algorithm = "svd", dataset_id = "news" }, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_seed_model_routes_train_report_and_activate_summarization_versions()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await ImportXsum(admin, "news", 100);
        await admin.Post("/api/v1/models", new { id = "lead", algorithm = "lead-k", dataset_id = "news", hyperparameters = new { k = 1 } }, HttpStatusCode.Created);

        var queued = await admin.Post("/model/train", new { model_id = "lead", version = "one" }, HttpStatusCode.Accepted);
        Assert.Equal("lead/one", queued["id"]!.GetValue<string>());
        var one = await Eventually.Until(() => node.Anonymous.Get("/model/status/lead/one"),
            v => v["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(60), "lead/one to complete");
        Assert.True(one["metrics"]!["f1_score"]!.GetValue<double>() > 0);
        await admin.Post("/model/train", new { model_id = "lead", version = "two", hyperparameters = new { k = 2 } }, HttpStatusCode.Accepted);
        await Eventually.Until(() => node.Anonymous.Get("/model/status/lead/two"),
            v => v["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(60), "lead/two to complete");

        Assert.Equal("lead/one", (await node.Anonymous.Get("/model/active?model_id=lead"))["id"]!.GetValue<string>());
        Assert.Equal(2, (await node.Anonymous.Get("/model/list?model_id=lead")).AsArray().Count);
        await admin.Post("/model/activate", new { id = "lead/two" });
        Assert.Equal("lead/two", (await node.Anonymous.Get("/model/active?model_id=lead"))["id"]!.GetValue<string>());

        // Served by the newly active version: k = 2 keeps two sentences.
        var summary = await node.Anonymous.Post("/api/v1/summarize", new { model_id = "lead", text = "One is here. Two follows. Three closes." });
        Assert.Equal("two", summary["version"]!.GetValue<string>());
        Assert.Equal("One is here. Two follows.", summary["summary"]!.GetValue<string>().Trim());
    }

    [Fact]
    public async Task A_compact_seq2seq_version_trains_in_a_trainer_process_serves_and_a_second_one_can_be_cancelled()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await ImportXsum(admin, "news", 120);
        var small = new JsonObject
        {
            ["max_steps"] = 8, ["batch_size"] = 8, ["vocab_size"] = 500, ["d_model"] = 32, ["num_heads"] = 2, ["num_layers"] = 1,
            ["dim_feedforward"] = 64, ["max_source_length"] = 64, ["max_target_length"] = 16, ["max_validation_samples"] = 8, ["warmup_steps"] = 1,
        };
        var model = await admin.Post("/api/v1/models", new { id = "s2s", algorithm = "seq2seq", dataset_id = "news", hyperparameters = small }, HttpStatusCode.Created);
        Assert.Equal("compact", model["hyperparameters"]!["backbone"]!.GetValue<string>());
        await admin.Post("/api/v1/models/s2s/versions", new { version = "tiny" }, HttpStatusCode.Accepted);
        var done = await admin.WaitForVersion("s2s", "tiny");
        Assert.True(done["metrics"]!.AsObject().ContainsKey("rouge1"), done["metrics"]!.ToJsonString());
        Assert.True(done["metrics"]!.AsObject().ContainsKey("validation_loss"), done["metrics"]!.ToJsonString());

        var summary = await node.Anonymous.Post("/api/v1/summarize", new { model_id = "s2s", text = "Rain is expected across the country this weekend, forecasters say." });
        Assert.False(string.IsNullOrWhiteSpace(summary["summary"]!.GetValue<string>()));

        await admin.Post("/api/v1/models/s2s/versions", new { version = "long", hyperparameters = new { max_steps = 100000 } }, HttpStatusCode.Accepted);
        await Eventually.Until(() => node.Anonymous.Get("/api/v1/models/s2s/versions/long"),
            v => v["status"]!.GetValue<string>() == "training" && v["progress"]!.GetValue<double>() > 0, TimeSpan.FromSeconds(120), "training to start");
        await admin.Post("/api/v1/models/s2s/versions/long/cancel", null);
        var stopped = await admin.WaitForVersion("s2s", "long", "stopped");
        Assert.Equal("cancelled by a user", stopped["error"]!.GetValue<string>());
    }
}
