using Pacer.Core.Plans;
namespace Pacer.Core.Tests.Thresholds;

public sealed class ThresholdParserTests
{
    [Theory]
    [InlineData("p(95)<15ms", ThresholdAggregation.Percentile, 95.0, ComparisonOperator.Less, 15.0)]
    [InlineData("p(99.9)<=1s", ThresholdAggregation.Percentile, 99.9, ComparisonOperator.LessOrEqual, 1000.0)]
    [InlineData("p(90) < 250us", ThresholdAggregation.Percentile, 90.0, ComparisonOperator.Less, 0.25)]
    [InlineData("p(50)<300µs", ThresholdAggregation.Percentile, 50.0, ComparisonOperator.Less, 0.3)]
    [InlineData("avg<200", ThresholdAggregation.Avg, null, ComparisonOperator.Less, 200.0)]
    [InlineData("med>=2m", ThresholdAggregation.Med, null, ComparisonOperator.GreaterOrEqual, 120_000.0)]
    [InlineData("max<1h", ThresholdAggregation.Max, null, ComparisonOperator.Less, 3_600_000.0)]
    [InlineData("min>0.5", ThresholdAggregation.Min, null, ComparisonOperator.Greater, 0.5)]
    [InlineData("rate<0.01", ThresholdAggregation.Rate, null, ComparisonOperator.Less, 0.01)]
    [InlineData("rate<1%", ThresholdAggregation.Rate, null, ComparisonOperator.Less, 0.01)]
    [InlineData("rate>400", ThresholdAggregation.Rate, null, ComparisonOperator.Greater, 400.0)]
    [InlineData("count>1000", ThresholdAggregation.Count, null, ComparisonOperator.Greater, 1000.0)]
    [InlineData("count==0", ThresholdAggregation.Count, null, ComparisonOperator.Equal, 0.0)]
    [InlineData("value!=3", ThresholdAggregation.Value, null, ComparisonOperator.NotEqual, 3.0)]
    public void Parse_ValidExpression_GivesAggregationOperatorAndValueInBaseUnits(string text, ThresholdAggregation aggregation, double? percentile, ComparisonOperator op, double value)
    {
        var expression = ThresholdParser.Parse(text);

        Assert.Equal(aggregation, expression.Aggregation);
        Assert.Equal(percentile, expression.Percentile);
        Assert.Equal(op, expression.Operator);
        Assert.Equal(value, expression.Value, 9);
    }

    [Theory]
    [InlineData("p95<15ms", "did you mean p(95)")]
    [InlineData("p(101)<1s", "between 0 and 100")]
    [InlineData("avg<15 parsecs", "unknown unit 'parsecs'")]
    [InlineData("p(95) < fast", "not a threshold")]
    [InlineData("avg<15xs", "unknown unit 'xs'")]
    [InlineData("count>10ms", "does not apply to count")]
    [InlineData("p(95)<1e400", "is too large to be a limit")]
    [InlineData("avg<1e308h", "is too large to be a limit")]
    [InlineData("avg<5%", "only applies to rate")]
    [InlineData("avg=5", "unknown operator '='")]
    [InlineData("", "not a threshold")]
    [InlineData("fastest<1ms", "unknown aggregation 'fastest'")]
    public void Parse_Mistake_ThrowsWithAHelpfulMessage(string text, string expected)
    {
        var error = Assert.Throws<ThresholdSyntaxException>(() => ThresholdParser.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
