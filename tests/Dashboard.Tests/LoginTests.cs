using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class LoginTests(DashboardFixture cluster)
{
    [Fact]
    public async Task The_login_form_comes_first_and_a_wrong_password_is_refused()
    {
        var page = await cluster.OpenAsync(Screens.Desktop);
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#shell")).ToBeHiddenAsync();
        await DashboardFixture.ScreenshotAsync(page, "login");

        await page.Locator("#login-username").FillAsync(ApiNode.AdminUser);
        await page.Locator("#login-password").FillAsync("not the password");
        await page.Locator("#login-submit").ClickAsync();

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Unknown user or wrong password.");
        await Expect(page.Locator("#shell")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('httm.token')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_in_keeps_the_token_in_session_storage_and_logging_out_forgets_it()
    {
        var page = await cluster.LoggedInAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync(ApiNode.AdminUser);
        var token = await page.EvaluateAsync<string?>("sessionStorage.getItem('httm.token')");
        Assert.False(string.IsNullOrEmpty(token));

        // A reload keeps the session: the token lives in sessionStorage, not in page memory.
        await page.ReloadAsync();
        await Expect(page.Locator("#shell")).ToBeVisibleAsync();

        await page.Locator("#logout").ClickAsync();
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('httm.token')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_expired_or_forged_token_sends_the_user_back_to_the_login_form_on_the_first_write()
    {
        var page = await cluster.LoggedInAsync();
        await cluster.Admin.CreateModel("login-forged", "popularity", new { });
        await page.EvaluateAsync("sessionStorage.setItem('httm.token', 'forged')");
        await page.GotoAsync("/dashboard/index.html#/models/login-forged");
        await page.Locator("#train").ClickAsync();

        await Expect(page.Locator("#login-error")).ToContainTextAsync("sign in again");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('httm.token')"));
        await page.Context.CloseAsync();
    }
}
