using Pacer.Core.Monitoring;

namespace Pacer.Core.Tests.Monitoring;

public sealed class TargetUnitsTests
{
    [Theory]
    [InlineData(TargetUnit.Count, "count")]
    [InlineData(TargetUnit.PerSecond, "per_second")]
    [InlineData(TargetUnit.Cores, "cores")]
    [InlineData(TargetUnit.Bytes, "bytes")]
    [InlineData(TargetUnit.BytesPerSecond, "bytes_per_second")]
    [InlineData(TargetUnit.Ratio, "ratio")]
    [InlineData(TargetUnit.Milliseconds, "ms")]
    public void ToName_AndBack(TargetUnit unit, string name)
    {
        Assert.Equal(name, TargetUnits.ToName(unit));
        Assert.True(TargetUnits.TryParse(name, out var parsed));
        Assert.Equal(unit, parsed);
    }

    [Theory]
    [InlineData("Cores")]
    [InlineData("percent")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_IsFalse(string? name) => Assert.False(TargetUnits.TryParse(name, out _));

    [Fact]
    public void ToName_UndefinedValue_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => TargetUnits.ToName((TargetUnit)99));
}
