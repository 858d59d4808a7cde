using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>
/// Uploads and imports are bounded by Httm:Uploads:MaxBytes (1 MiB here) over real HTTP: a Content-Length or a
/// chunked body beyond it is a 413 naming the limit, with no file left behind and no row written; malformed
/// multipart is a 4xx problem, never a 500; uploads can be listed and deleted.
/// </summary>
public sealed class UploadLimitTests : IAsyncLifetime
{
    private const long Limit = 1 << 20;
    private const long RowsOverLimit = 70_000; // about 1.6 MB of CSV
    private ApiNode _node = null!;
    private HttpClient _admin = null!;

    private string Uploads => Path.Combine(_node.DataDirectory, "uploads");

    public async Task InitializeAsync()
    {
        _node = await ApiNode.StartAsync("sqlite", new Dictionary<string, string?> { ["Httm:Uploads:MaxBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _admin = await _node.AdminAsync();
        await _admin.Post("/api/v1/datasets", new { id = "big", kind = "interactions" }, HttpStatusCode.Created);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task An_upload_whose_content_length_is_over_the_limit_is_413_naming_the_limit_and_leaves_no_file()
    {
        Assert.True(GeneratedCsv.BytesFor(RowsOverLimit) > Limit);
        using var form = Multipart(new ByteArrayContent(await new GeneratedCsv(RowsOverLimit).ReadAsByteArrayAsync()));

        var refused = await _admin.Send(HttpMethod.Post, "/api/v1/datachefs/uploads", form, HttpStatusCode.RequestEntityTooLarge);

        AssertNamesTheLimit(refused);
        Assert.Empty(FilesIn(Uploads));
    }

    [Fact]
    public async Task A_chunked_multipart_upload_over_the_limit_is_413_and_leaves_no_file()
    {
        using var form = Multipart(new GeneratedCsv(RowsOverLimit));
        Assert.Null(form.Headers.ContentLength);

        var refused = await _admin.Send(HttpMethod.Post, "/api/v1/datachefs/uploads", form, HttpStatusCode.RequestEntityTooLarge);

        AssertNamesTheLimit(refused);
        Assert.Empty(FilesIn(Uploads));
    }

    [Fact]
    public async Task A_chunked_raw_import_over_the_limit_is_413_and_the_dataset_has_no_rows()
    {
        var refused = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/big/import?format=csv", new GeneratedCsv(RowsOverLimit), HttpStatusCode.RequestEntityTooLarge);

        AssertNamesTheLimit(refused);
        await AssertNoRowsAsync("big");
        Assert.Empty(FilesIn(Path.Combine(_node.DataDirectory, "tmp")));
    }

    [Fact]
    public async Task A_multipart_import_whose_content_length_is_over_the_limit_is_413_and_the_dataset_has_no_rows()
    {
        using var form = Multipart(new ByteArrayContent(await new GeneratedCsv(RowsOverLimit).ReadAsByteArrayAsync()));

        var refused = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/big/import", form, HttpStatusCode.RequestEntityTooLarge);

        AssertNamesTheLimit(refused);
        await AssertNoRowsAsync("big");
    }

    [Fact]
    public async Task A_chunked_multipart_import_under_the_limit_imports_every_row()
    {
        using var form = Multipart(new GeneratedCsv(20_000));
        Assert.Null(form.Headers.ContentLength);

        var imported = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/big/import", form, HttpStatusCode.OK);

        Assert.Equal(20_000, imported["imported"]!.GetValue<long>());
        Assert.Equal(20_000, (await _node.Anonymous.Get("/api/v1/datasets/big"))["sample_count"]!.GetValue<long>());
        Assert.Empty(FilesIn(Path.Combine(_node.DataDirectory, "tmp")));
    }

    [Theory]
    [InlineData("/api/v1/datachefs/uploads")]
    [InlineData("/api/v1/datasets/big/import")]
    public async Task A_multipart_body_without_a_boundary_or_with_broken_framing_is_a_400_naming_the_part(string route)
    {
        var noBoundary = new StringContent("user_id,item_id\nu,i\n");
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        var unsplittable = await _admin.Send(HttpMethod.Post, route, noBoundary, HttpStatusCode.BadRequest);
        Assert.True(unsplittable["errors"]!.AsObject().ContainsKey("body"), unsplittable.ToJsonString());

        var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nuser_id,item_id\nu,i\n");
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        var malformed = await _admin.Send(HttpMethod.Post, route, broken, HttpStatusCode.BadRequest);
        Assert.True(malformed["errors"]!.AsObject().ContainsKey("file"), malformed.ToJsonString());
        Assert.Empty(FilesIn(Uploads));
        await AssertNoRowsAsync("big");
    }

    [Fact]
    public async Task Uploads_are_listed_with_their_size_and_users_and_an_unused_one_can_be_deleted()
    {
        const string csv = "userId,productId\nu1,i1\n";
        var id = await UploadAsync("ratings.csv", csv);

        var listed = Assert.Single((await _node.Anonymous.Get("/api/v1/datachefs/uploads")).AsArray());
        Assert.Equal(id, listed!["upload_id"]!.GetValue<string>());
        Assert.Equal("ratings.csv", listed["file_name"]!.GetValue<string>());
        Assert.Equal(csv.Length, listed["bytes"]!.GetValue<long>());
        Assert.True(listed["created_at"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Empty(listed["used_by"]!.AsArray());

        await _node.Anonymous.Send(HttpMethod.Delete, $"/api/v1/datachefs/uploads/{id}", null, HttpStatusCode.Unauthorized);
        var deleted = await _admin.Send(HttpMethod.Delete, $"/api/v1/datachefs/uploads/{id}", null, HttpStatusCode.OK);
        Assert.Equal(id, deleted["upload_id"]!.GetValue<string>());
        Assert.Empty((await _node.Anonymous.Get("/api/v1/datachefs/uploads")).AsArray());
        Assert.Empty(FilesIn(Uploads));
        var gone = await _admin.Send(HttpMethod.Delete, $"/api/v1/datachefs/uploads/{id}", null, HttpStatusCode.NotFound);
        Assert.Contains(id, gone["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_upload_a_chef_uses_cannot_be_deleted_and_an_unknown_one_is_404()
    {
        var id = await UploadAsync("used.csv", "userId,productId\nu1,i1\n");
        await _admin.Post("/api/v1/datachefs", new { id = "uses-upload", mapping = "userId->user_id,productId->item_id", source = new { kind = "csv", upload_id = id } },
            HttpStatusCode.Created);

        var listed = Assert.Single((await _node.Anonymous.Get("/api/v1/datachefs/uploads")).AsArray());
        Assert.Equal(["uses-upload"], listed!["used_by"]!.AsArray().Select(c => c!.GetValue<string>()));
        var conflict = await _admin.Send(HttpMethod.Delete, $"/api/v1/datachefs/uploads/{id}", null, HttpStatusCode.Conflict);
        Assert.Contains("uses-upload", conflict["detail"]!.GetValue<string>());
        Assert.Single(FilesIn(Uploads));

        await _admin.Send(HttpMethod.Delete, "/api/v1/datachefs/uploads/up-0000000000000000-nothing.csv", null, HttpStatusCode.NotFound);
        var outside = Path.Combine(_node.DataDirectory, "up-outside.csv");
        await File.WriteAllTextAsync(outside, "not an upload");
        // Not an id at all (422 from the id rule), so no path is ever built from it.
        await _admin.Send(HttpMethod.Delete, "/api/v1/datachefs/uploads/..%2Fup-outside.csv", null, HttpStatusCode.UnprocessableEntity);
        Assert.True(File.Exists(outside));
    }

    [Fact]
    public async Task A_limit_that_is_not_a_positive_number_of_bytes_stops_the_node_at_start_up()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ApiNode.StartAsync("sqlite", new Dictionary<string, string?> { ["Httm:Uploads:MaxBytes"] = "0" }));
        Assert.Contains("Httm:Uploads:MaxBytes", failure.Message);
    }

    private static MultipartFormDataContent Multipart(HttpContent file, string name = "big.csv")
    {
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private async Task<string> UploadAsync(string name, string csv)
    {
        using var form = Multipart(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), name);
        return (await _admin.Send(HttpMethod.Post, "/api/v1/datachefs/uploads", form, HttpStatusCode.Created))["upload_id"]!.GetValue<string>();
    }

    private async Task AssertNoRowsAsync(string dataset)
    {
        Assert.Equal(0, (await _node.Anonymous.Get($"/api/v1/datasets/{dataset}"))["sample_count"]!.GetValue<long>());
        Assert.Empty((await _node.Anonymous.Get($"/api/v1/datasets/{dataset}/samples"))["samples"]!.AsArray());
    }

    private static void AssertNamesTheLimit(JsonNode problem)
    {
        Assert.Equal(413, problem["status"]!.GetValue<int>());
        Assert.Equal(Limit, problem["max_bytes"]!.GetValue<long>());
        Assert.Contains("Httm:Uploads:MaxBytes", problem["detail"]!.GetValue<string>());
        Assert.True(problem["errors"]!.AsObject().ContainsKey("body"), problem.ToJsonString());
    }

    private static string[] FilesIn(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
}
