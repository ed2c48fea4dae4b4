namespace Pacer.Watchers.Dotnet.Tests;

public sealed class CounterPayloadTests
{
    [Fact]
    public void TryRead_Gauge_TakesTheMeanAndItsUnit()
    {
        var payload = CounterPayload.TryRead(Counters.Gauge("gc-heap-size", 85.749936, "MB", 1.0029027));

        Assert.NotNull(payload);
        Assert.Equal("gc-heap-size", payload.Name);
        Assert.Equal(85.749936, payload.Value);
        Assert.False(payload.IsIncrement);
        Assert.Equal("MB", payload.Units);
        Assert.Equal(1.0029027, payload.IntervalSeconds, 6);
    }

    [Fact]
    public void TryRead_Sum_TakesTheIncrementNotAMean()
    {
        var payload = CounterPayload.TryRead(Counters.Sum("alloc-rate", 127_849_480, "B"));

        Assert.NotNull(payload);
        Assert.True(payload.IsIncrement);
        Assert.Equal(127_849_480, payload.Value);
    }

    [Fact]
    public void TryRead_IntegerIncrement_IsReadAsANumber()
    {
        var fields = Counters.Sum("gen-0-gc-count", 0);
        fields["Increment"] = 2;

        Assert.Equal(2, CounterPayload.TryRead(fields)!.Value);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("Increment")]
    [InlineData("IntervalSec")]
    public void TryRead_FieldMissing_IsNoValueRatherThanZero(string field)
    {
        var fields = Counters.Sum("exception-count", 4);
        fields.Remove(field);

        Assert.Null(CounterPayload.TryRead(fields));
    }

    [Fact]
    public void TryRead_ZeroInterval_IsNoValue()
    {
        Assert.Null(CounterPayload.TryRead(Counters.Sum("exception-count", 4, interval: 0)));
    }

    [Fact]
    public void TryRead_TextWhereANumberBelongs_IsNoValue()
    {
        var fields = Counters.Gauge("threadpool-thread-count", 3);
        fields["Mean"] = "3";

        Assert.Null(CounterPayload.TryRead(fields));
    }
}
