using Pacer.Analysis.Inputs;

namespace Pacer.Analysis.Tests.Inputs;

public sealed class HyperfineReaderTests
{
    [Fact]
    public void Read_Export_OneTimeObservationPerCommand()
    {
        var run = Fixture.Read("hyperfine.json");

        var old = run.Get("pacer-old check plan.yaml", "time");
        Assert.Equal(0.1255, old.Value);
        Assert.Equal([0.1231, 0.1252, 0.1290, 0.1247, 0.1255], old.Samples);
        Assert.Equal(("s", MetricDirection.LowerIsBetter, ObservationKind.Benchmark), (old.Unit, old.Direction, old.Kind));
        Assert.Equal(0.0984, run.Get("pacer check plan.yaml", "time").Value);
        Assert.Equal(2, run.Observations.Count);
    }
}
