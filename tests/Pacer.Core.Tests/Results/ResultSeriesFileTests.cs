using Pacer.Core.Results;

namespace Pacer.Core.Tests.Results;

/// <summary>The generator's and the request names' per-second series in the file: written, read back, and refused when impossible.</summary>
public sealed class ResultSeriesFileTests
{
    private static RunResult WithSeries()
    {
        var sample = ResultFileTests.Sample();
        return sample with
        {
            Series = [sample.Series[0] with { GeneratorCpu = 0.125, GeneratorLagP99 = 0.75 }],
            Requests = [sample.Requests[0] with { Series = [new RequestInterval(1, 2, 1, 1.5, 2.5, 2.5, 2.5)] }],
        };
    }

    [Fact]
    public async Task WriteThenRead_RoundTripsTheNewSeries_UnderTheirSchemaNames()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pacer-series-").FullName, "run.json");

        await ResultFile.WriteAsync(WithSeries(), path);
        var read = await ResultFile.ReadAsync(path);
        var json = await File.ReadAllTextAsync(path);

        Assert.Equal(0.125, read.Series[0].GeneratorCpu);
        Assert.Equal(0.75, read.Series[0].GeneratorLagP99);
        Assert.Equal(new RequestInterval(1, 2, 1, 1.5, 2.5, 2.5, 2.5), read.Requests[0].Series!.Single());
        Assert.Contains("\"generator_cpu\": 0.125", json, StringComparison.Ordinal);
        Assert.Contains("\"generator_lag_p99\": 0.75", json, StringComparison.Ordinal);
        Assert.Contains("\"series\": [", json[json.IndexOf("\"requests\": [", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnOlderFileWithoutThem_ReadsThemAsAbsent()
    {
        var read = ResultFile.Parse(ResultFile.ToJson(ResultFileTests.Sample()), "old.json");

        Assert.Null(read.Series[0].GeneratorCpu);
        Assert.Null(read.Series[0].GeneratorLagP99);
        Assert.Null(read.Requests[0].Series);
    }

    [Theory]
    [InlineData("cpu", "series[0].generator_cpu: 1.5 is not a fraction (0 to 1)")]
    [InlineData("lag", "series[0].generator_lag_p99: -1 is negative")]
    [InlineData("lagNaN", "series[0].generator_lag_p99: NaN is not a finite number")]
    [InlineData("errors", "requests[0].series[0].errors: 3 exceeds requests (2)")]
    [InlineData("p99", "requests[0].series[0].p99: Infinity is not a finite number")]
    [InlineData("t", "requests[0].series[0].t: -1 is negative")]
    [InlineData("null", "requests[0].series[0]: is null where the schema requires a value")]
    public void Validate_ImpossibleSeriesValues_AreRefusedNamingTheField(string broken, string message)
    {
        var good = WithSeries();
        var interval = good.Series[0];
        var named = good.Requests[0].Series![0];
        var result = broken switch
        {
            "cpu" => good with { Series = [interval with { GeneratorCpu = 1.5 }] },
            "lag" => good with { Series = [interval with { GeneratorLagP99 = -1 }] },
            "lagNaN" => good with { Series = [interval with { GeneratorLagP99 = double.NaN }] },
            "errors" => good with { Requests = [good.Requests[0] with { Series = [named with { Errors = 3 }] }] },
            "p99" => good with { Requests = [good.Requests[0] with { Series = [named with { P99 = double.PositiveInfinity }] }] },
            "t" => good with { Requests = [good.Requests[0] with { Series = [named with { T = -1 }] }] },
            _ => good with { Requests = [good.Requests[0] with { Series = [null!] }] },
        };

        var error = Assert.Throws<ResultFormatException>(() => ResultValidator.Validate(result, "r.json"));

        Assert.Equal("r.json: invalid pacer.run/v1 file: " + message, error.Message);
    }
}
