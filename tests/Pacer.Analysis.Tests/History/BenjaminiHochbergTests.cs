using Pacer.Analysis.History;

namespace Pacer.Analysis.Tests.History;

public sealed class BenjaminiHochbergTests
{
    [Fact]
    public void Adjust_MatchesRsPAdjustBH()
    {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
        var adjusted = BenjaminiHochberg.Adjust([0.01, 0.04, 0.03, 0.005, 0.5]);

        Assert.Equal([0.025, 0.05, 0.05, 0.025, 0.5], adjusted.Select(a => Math.Round(a, 12)));
    }

    [Fact]
    public void Adjust_Empty_IsEmpty() => Assert.Empty(BenjaminiHochberg.Adjust([]));
}
