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
    public void ToName_IsTheResultFilesName(TargetUnit unit, string name) => Assert.Equal(name, TargetUnits.ToName(unit));

    [Fact]
    public void ToName_EveryUnitHasItsOwnName()
    {
        var names = Enum.GetValues<TargetUnit>().Select(TargetUnits.ToName).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ToName_UndefinedValue_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => TargetUnits.ToName((TargetUnit)99));
}
