using Microsoft.Playwright;

namespace Pacer.Cli.Tests.Browser;

/// <summary>
/// One headless Chromium for every report test in the assembly: Debian's <c>/usr/bin/chromium</c> driven by Playwright.
/// Playwright's own browser download is never used, so the tests run offline and on what .ci/run installs with apt-get.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    /// <summary>Debian's chromium package puts the browser here.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException("the browser has not started");

    /// <summary>Where screenshots go: $PACER_ARTIFACTS, else artifacts/browser at the repository root (ignored by git).</summary>
    public static string ArtifactDirectory { get; } = FindArtifactDirectory();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"the report tests need Chromium at {ExecutablePath}: install it with `apt-get install chromium` (.ci/run does)");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private static string FindArtifactDirectory()
    {
        if (Environment.GetEnvironmentVariable("PACER_ARTIFACTS") is { Length: > 0 } configured)
        {
            return Path.Combine(configured, "browser");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pacer.slnx")))
            {
                return Path.Combine(dir.FullName, "artifacts", "browser");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts", "browser");
    }
}

/// <summary>The tests that share <see cref="HeadlessChromium"/> and the reports of <see cref="DemoReports"/>.</summary>
[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<HeadlessChromium>, ICollectionFixture<DemoReports>;
