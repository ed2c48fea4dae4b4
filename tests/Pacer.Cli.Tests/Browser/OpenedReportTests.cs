namespace Pacer.Cli.Tests.Browser;

/// <summary>The browser checks can fail: a page that fetches something or throws is caught.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class OpenedReportTests(HeadlessChromium chromium)
{
    [Fact]
    public async Task OpenAsync_PageThatFetchesAndThrows_RecordsTheRequestAndTheError()
    {
        var path = CliRunner.TempFile("leaky.html");
        await File.WriteAllTextAsync(path, """
            <!DOCTYPE html><html><body>
            <img src="http://127.0.0.1:9/pixel.png" alt="">
            <script>undefinedFunction();</script>
            </body></html>
            """);

        await using var page = await OpenedReport.OpenAsync(chromium.Browser, path);

        Assert.Contains("http://127.0.0.1:9/pixel.png", page.Requests);
        Assert.Contains(page.ConsoleErrors, e => e.Contains("undefinedFunction", StringComparison.Ordinal));
    }
}
