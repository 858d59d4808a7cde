using System.Text.Json.Serialization;
using Microsoft.Playwright;
using Xunit;

namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>The two screens every page is checked on, and what "fits" and "readable" mean on them.</summary>
public static class Screens
{
    public static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    // Each nav link and the log-out button: its contrast against the background actually painted behind it,
    // and whether it lies inside the dark bar and the viewport (a link pushed out of the bar reads grey on white).
    private const string NavigationScript = """
        () => {
          const rgb = c => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]) => {
            const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
            return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
          };
          const background = el => {
            for (let e = el; e; e = e.parentElement) {
              const c = rgb(getComputedStyle(e).backgroundColor);
              if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
            }
            return [255, 255, 255];
          };
          const bar = document.querySelector('.topbar').getBoundingClientRect();
          return JSON.stringify([...document.querySelectorAll('#nav a, #logout')].map(el => {
            const r = el.getBoundingClientRect();
            const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
            return {
              text: el.textContent.trim(),
              contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
              inBar: r.left >= bar.left - 0.5 && r.right <= bar.right + 0.5 && r.top >= bar.top - 0.5 && r.bottom <= bar.bottom + 0.5,
              inViewport: r.left >= 0 && r.right <= window.innerWidth + 0.5 && r.width > 0,
            };
          }));
        }
        """;

    /// <summary>A fresh context of that size, signed in through the form.</summary>
    public static async Task<IPage> LoggedInAsync(this DashboardFixture cluster, ViewportSize size)
    {
        var page = await cluster.OpenAsync(size);
        await page.Locator("#login-username").FillAsync(ApiNode.AdminUser);
        await page.Locator("#login-password").FillAsync(ApiNode.AdminPassword);
        await page.Locator("#login-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#shell")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A fresh context of that size on the login form; a phone one touches and scales like a phone.</summary>
    public static async Task<IPage> OpenAsync(this DashboardFixture cluster, ViewportSize size)
    {
        var phone = size.Width < 700;
        var context = await cluster.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = cluster.Node.Address.ToString(), ViewportSize = size, IsMobile = phone, HasTouch = phone,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard");
        return page;
    }

    /// <summary>No page may be wider than the screen: what does not fit scrolls inside its own box.</summary>
    public static async Task AssertFitsAsync(IPage page, string what)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= width + 1, $"{what} is {scroll} px wide on a {width} px screen");
    }

    /// <summary>Every nav link and "Log out" is on screen, inside the bar, and readable (WCAG AA, 4.5:1).</summary>
    public static async Task AssertNavigationReadableAsync(IPage page, string what)
    {
        var links = System.Text.Json.JsonSerializer.Deserialize<NavLink[]>(await page.EvaluateAsync<string>(NavigationScript))!;
        Assert.Equal(["Cluster", "Grains", "Scheduler", "Training", "Models", "Log out"], links.Select(l => l.Text));
        foreach (var link in links)
        {
            Assert.True(link.InViewport && link.InBar, $"{what}: \"{link.Text}\" is pushed out of the navigation bar");
            Assert.True(link.Contrast >= 4.5, $"{what}: \"{link.Text}\" has contrast {link.Contrast:0.0}:1");
        }
    }

    public sealed record NavLink(
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("contrast")] double Contrast,
        [property: JsonPropertyName("inBar")] bool InBar,
        [property: JsonPropertyName("inViewport")] bool InViewport);
}
