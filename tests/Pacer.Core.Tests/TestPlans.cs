using Pacer.Core.Plans;

namespace Pacer.Core.Tests;

/// <summary>Small plans for tests, built in C# (the other way to declare a plan).</summary>
internal static class TestPlans
{
    public static LoadPlan Open(Uri url, double rate, double seconds, int maxConnections = 100, double timeoutSeconds = 5, TimeSpan? maxQueueWait = null, long? maxRequests = null) =>
        Plan(url, new LoadProfile(LoadModel.Open, rate, [new Stage(TimeSpan.FromSeconds(seconds), rate)], maxConnections, maxQueueWait ?? TimeSpan.FromSeconds(10), maxRequests, TimeSpan.FromSeconds(2)), timeoutSeconds);

    public static LoadPlan Closed(Uri url, params (double Seconds, double Users)[] stages) =>
        Plan(url, new LoadProfile(LoadModel.Closed, 0, [.. stages.Select(s => new Stage(TimeSpan.FromSeconds(s.Seconds), s.Users))], 1, TimeSpan.FromSeconds(10), null, TimeSpan.FromSeconds(2)), 5);

    public static LoadPlan Plan(Uri url, LoadProfile load, double timeoutSeconds = 5) =>
        new(
            "test",
            url,
            [new RequestSpec("GET /", "GET", url, [], null, 1, TimeSpan.FromSeconds(timeoutSeconds))],
            load,
            [],
            new PlanSource("<test>", "test plan"));
}
