// bench/large-report.sh's helper.
//   generate REAL.json OUT.json   writes the one-hour, 200-name run built from a real result file
//   open REPORT.html ROUNDS       opens the report in Debian's Chromium ROUNDS times and prints the load timings of each
//   seconds REAL.json OUT.json N SEED   writes REAL with a per-second series of N seconds (bench/large-compare.sh)
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Pacer.Core.Results;
using Pacer.Reports.Tests.Html;

return args switch
{
    ["generate", var real, var output] => await GenerateAsync(real, output),
    ["open", var report, var rounds] => await OpenAsync(report, int.Parse(rounds, CultureInfo.InvariantCulture)),
    ["seconds", var real, var output, var seconds, var seed] =>
        await SecondsAsync(real, output, int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(seed, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static async Task<int> GenerateAsync(string real, string output)
{
    await ResultFile.WriteAsync(LargeRun.From(await ResultFile.ReadAsync(real)), output);
    return 0;
}

// A long run for `pacer compare`: a slow wave, per-second noise and a stall one second in a thousand (p99 eight times the rest),
// seeded so that two seeds give two runs of the same service.
static async Task<int> SecondsAsync(string real, string output, int seconds, int seed)
{
    var run = await ResultFile.ReadAsync(real);
    var random = new Random(seed);
    var series = new List<IntervalResult>(seconds);
    for (var t = 1; t <= seconds; t++)
    {
        var wave = 1 + (0.3 * Math.Sin(t / 300.0));
        var p50 = Math.Round((0.25 + (0.02 * random.NextDouble())) * wave, 3);
        var stall = random.Next(1000) == 0 ? 8 : 1;
        var rate = (long)((14_000 * wave) + random.Next(500));
        series.Add(new IntervalResult(t, rate, rate / 20, 0, 5, 5, p50, Math.Round(p50 * 2.6 * (1 + (0.1 * random.NextDouble())), 3),
            Math.Round(p50 * 6 * (1 + (0.2 * random.NextDouble())) * stall, 3), Math.Round(p50 * 50 * (1 + random.NextDouble()), 3), rate * 47, rate * 252));
    }

    await ResultFile.WriteAsync(run with { DurationSeconds = seconds, LoadSeconds = seconds, EndedUtc = run.StartedUtc.AddSeconds(seconds), Series = series }, output);
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
    Console.Error.WriteLine("usage: LargeReport generate REAL.json OUT.json | LargeReport open REPORT.html ROUNDS | LargeReport seconds REAL.json OUT.json N SEED");
    return 2;
}
