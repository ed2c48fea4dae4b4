using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Pacer.Core.Monitoring;
using Pacer.Core.Monitoring.Prometheus;

namespace Pacer.Core.Tests.Monitoring.Prometheus;

/// <summary>
/// The query watcher against a real Prometheus (Debian's package), started by the test on 127.0.0.1 with a 1 s scrape
/// interval over a test endpoint whose gauge counts its own scrapes; stopped by its pid at the end.
/// </summary>
public sealed class RealPrometheusTests
{
    [PrometheusFact]
    public async Task RealPrometheus_RangeQueries_GiveOneValuePerTick_AndItsErrorsAreNoted()
    {
        await using var target = await ExpositionServer.StartAsync(n => $"# TYPE app_scrapes gauge\napp_scrapes {n}\n# TYPE app_other gauge\napp_other 1\n");
        var directory = Directory.CreateTempSubdirectory("pacer-prometheus-");
        var port = FreePort();
        var config = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: target
                static_configs:
                  - targets: ["127.0.0.1:{target.Url.Port}"]

            """);
        using var prometheus = Process.Start(new ProcessStartInfo(PrometheusFactAttribute.Binary()!)
        {
            ArgumentList = { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            var server = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient();
            // Four scrapes stored: the last four seconds have data.
            await WaitForAsync(async () => await CountAsync(http, server) >= 4, TimeSpan.FromSeconds(60));
            var now = DateTimeOffset.UtcNow;
            var window = new TargetWindow(now.AddSeconds(-4), now, [1, 2, 3]);
            await using var watcher = new PrometheusQueryWatcher(server, [new("app_scrapes", "app_scrapes"), new("broken", "rate("), new("both", "{__name__=~\"app_.*\"}")]);

            var series = await watcher.AfterRunAsync(window, CancellationToken.None);

            var points = Assert.Single(series).Points;
            Assert.Equal([1.0, 2.0, 3.0], points.Select(p => p.T));
            // One scrape a second: each tick sees a later scrape than the one before (give or take a scrape's jitter).
            Assert.True(points[2].Value > points[0].Value, string.Join(", ", points));
            Assert.True(points[1].Value >= points[0].Value && points[2].Value >= points[1].Value, string.Join(", ", points));
            var notes = ((ITargetWatcherNotes)watcher).TakeNotes();
            Assert.Equal(2, notes.Count);
            Assert.Contains(notes, n => n.StartsWith("query broken: bad_data: ", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith("query both returned 2 series", StringComparison.Ordinal));
        }
        finally
        {
            prometheus.Kill();
            await prometheus.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            directory.Delete(recursive: true);
        }
    }

    private static async Task<double> CountAsync(HttpClient http, Uri server)
    {
        try
        {
            var body = await http.GetStringAsync(new Uri(server, "api/v1/query?query=" + Uri.EscapeDataString("count_over_time(app_scrapes[1m])")));
            using var document = JsonDocument.Parse(body);
            var result = document.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return 0;
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds, failing after <paramref name="limit"/>.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Prometheus had not stored four scrapes within {limit.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
