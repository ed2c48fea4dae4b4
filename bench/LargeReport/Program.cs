// bench/large-report.sh's helper.
//   generate REAL.json OUT.json   writes the one-hour, 200-name run built from a real result file
//   open REPORT.html ROUNDS       opens the report in Debian's Chromium ROUNDS times and prints the load timings of each
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Pacer.Core.Results;
using Pacer.Reports.Tests.Html;

return args switch
{
    ["generate", var real, var output] => await GenerateAsync(real, output),
    ["open", var report, var rounds] => await OpenAsync(report, int.Parse(rounds, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static async Task<int> GenerateAsync(string real, string output)
{
    await ResultFile.WriteAsync(LargeRun.From(await ResultFile.ReadAsync(real)), output);
    return 0;
}

static async Task<int> OpenAsync(string report, int rounds)
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    var url = new Uri(Path.GetFullPath(report)).AbsoluteUri;
    for (var round = 0; round < rounds; round++)
    {
        // A fresh context each round: nothing cached from the round before.
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });

        // Navigation timing: from the start of navigation to the load event; first contentful paint from the paint timeline.
        var timing = await page.EvaluateAsync<JsonElement>("""
            () => {
              const n = performance.getEntriesByType('navigation')[0];
              const fcp = performance.getEntriesByName('first-contentful-paint')[0];
              return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, fcp: fcp ? fcp.startTime : -1 };
            }
            """);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{timing.GetProperty("fcp").GetDouble():0} {timing.GetProperty("dcl").GetDouble():0} {timing.GetProperty("load").GetDouble():0}"));
    }

    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: LargeReport generate REAL.json OUT.json | LargeReport open REPORT.html ROUNDS");
    return 2;
}
