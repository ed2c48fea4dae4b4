using Pacer.Core.Running;

namespace Pacer.Core.Tests.Running;

public sealed class StartUpTuningTests
{
    [Theory]
    [InlineData("4", 4)]
    [InlineData("1", 1)]
    [InlineData("20", 20)]
    [InlineData(null, 7)]
    [InlineData("", 7)]
    [InlineData("0", 7)]
    [InlineData("21", 7)]
    [InlineData("-3", 7)]
    [InlineData(" 4", 7)]
    [InlineData("4ms", 7)]
    [InlineData("99999999999", 7)]
    public void Parse_WholeNumberInRange_ElseTheFallback(string? text, int expected) =>
        Assert.Equal(expected, StartUpTuning.Parse(text, 7, 1, 20));

    [Fact]
    public void Defaults_TimeZeroTwentyMillisecondsAhead_OneRehearsalRound()
    {
        // The test host sets neither switch (bench/startup.sh sets them per variant, in the processes it starts).
        Assert.Null(Environment.GetEnvironmentVariable("PACER_START_LEAD_MS"));
        Assert.Null(Environment.GetEnvironmentVariable("PACER_TIERUP_ROUNDS"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), StartUpTuning.StartLead);
        Assert.Equal(1, StartUpTuning.TierUpRounds);
        Assert.Equal(StartUpTuning.StartLead, new RunOptions().StartLead);
        Assert.Equal(StartUpTuning.TierUpRounds, new RunOptions().RehearsalRounds);
    }
}
