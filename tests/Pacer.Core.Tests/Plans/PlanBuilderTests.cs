using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

/// <summary>Plans built in C# get the YAML reader's rules (one set of rules), and their mistakes are named by setting.</summary>
public sealed class PlanBuilderTests
{
    [Fact]
    public void Build_EverySetting_GivesThePlanTheSameYamlGives()
    {
        var built = new PlanBuilder("checkout", new Uri("http://127.0.0.1:8080/shop"))
            .RampingArrivals([new Stage(TimeSpan.FromSeconds(10), 100), new Stage(TimeSpan.FromMilliseconds(2500), 50)], startRate: 5)
            .MaxConnections(50)
            .MaxRequests(1000)
            .GracefulStop(TimeSpan.FromSeconds(3))
            .Warmup(false)
            .Header("Accept", "application/json")
            .Timeout(TimeSpan.FromSeconds(4))
            .Request(new PlanRequest("get", "/items?page=1") { Name = "list" })
            .Request(new PlanRequest("POST", "/orders") { Body = "{\"sku\": \"no\"}", Weight = 0.25, Timeout = TimeSpan.FromMilliseconds(1500), Headers = [new("Content-Type", "application/json")] })
            .Threshold("http_req_duration{name:list}", "p(95)<50ms")
            .Threshold("http_req_failed", "rate<0.01", abortOnFail: true, delayAbortEval: TimeSpan.FromSeconds(2))
            .Build();

        var parsed = PlanParser.Parse("""
            name: checkout
            target: http://127.0.0.1:8080/shop
            defaults:
              headers: { Accept: application/json }
              timeout: 4s
            requests:
              - { name: list, method: get, path: /items?page=1 }
              - method: POST
                path: /orders
                body: '{"sku": "no"}'
                weight: 0.25
                timeout: 1500ms
                headers: { Content-Type: application/json }
            load:
              model: open
              start_rate: 5
              stages: [{ duration: 10s, target: 100 }, { duration: 2500ms, target: 50 }]
              max_connections: 50
              max_requests: 1000
              graceful_stop: 3s
              warmup: false
            thresholds:
              "http_req_duration{name:list}": ["p(95)<50ms"]
              http_req_failed: [{ threshold: "rate<0.01", abortOnFail: true, delayAbortEval: 2s }]
            """, "checkout.yaml");

        Assert.Equal(parsed.Name, built.Name);
        Assert.Equal(parsed.Target, built.Target);
        Assert.Equal(parsed.Load with { Stages = [] }, built.Load with { Stages = [] });
        Assert.Equal(parsed.Load.Stages, built.Load.Stages);
        Assert.Equal(parsed.Requests.Count, built.Requests.Count);
        for (var i = 0; i < parsed.Requests.Count; i++)
        {
            Assert.Equal(parsed.Requests[i] with { Headers = [] }, built.Requests[i] with { Headers = [] });
            Assert.Equal(parsed.Requests[i].Headers, built.Requests[i].Headers);
        }

        Assert.Equal(parsed.Thresholds.Select(t => (t.Key, t.Text, t.AbortOnFail, t.DelayAbortEval)), built.Thresholds.Select(t => (t.Key, t.Text, t.AbortOnFail, t.DelayAbortEval)));
        Assert.Equal("<C#>", built.Source.Path);
        Assert.Equal("{\"sku\": \"no\"}", built.Requests[1].Body);
    }

    [Fact]
    public void Build_ClosedModel_GivesVirtualUsers()
    {
        var plan = new PlanBuilder("users", new Uri("http://127.0.0.1:8080")).Closed(vus: 7, TimeSpan.FromSeconds(30)).Request("GET", "/").Build();

        Assert.Equal(LoadModel.Closed, plan.Load.Model);
        Assert.Equal([new Stage(TimeSpan.FromSeconds(30), 7)], plan.Load.Stages);
        Assert.Equal("GET /", plan.Requests.Single().Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(PlanParser.MaxEventLoops + 1)]
    public void EventLoops_OutOfRange_IsRefusedOnAPlanBuiltInCSharp(int loops)
    {
        var plan = new PlanBuilder("users", new Uri("http://127.0.0.1:8080")).Closed(vus: 1, TimeSpan.FromSeconds(1)).Request("GET", "/").Build();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => plan with { EventLoops = loops });

        Assert.Equal("EventLoops", error.ParamName);
        Assert.Equal(3, (plan with { EventLoops = 3 }).EventLoops);
    }

    [Fact]
    public void Build_Mistakes_AreAllListedAndNamedBySetting()
    {
        var builder = new PlanBuilder("bad", new Uri("http://127.0.0.1:8080/"))
            .RampingArrivals([new Stage(TimeSpan.FromSeconds(10), 100), new Stage(TimeSpan.FromSeconds(5), -3)])
            .Request(new PlanRequest("GET", "/") { Weight = 0 })
            .Threshold("http_req_durration", "p(95)<50ms");

        var e = Assert.Throws<PlanException>(builder.Build);

        var messages = string.Join("\n", e.Errors);
        Assert.True(e.Errors.Any(x => x.Message.StartsWith("load.stages[1].target: ", StringComparison.Ordinal)), messages);
        Assert.True(e.Errors.Any(x => x.Message.StartsWith("requests[0].weight: ", StringComparison.Ordinal)), messages);
        Assert.True(e.Errors.Any(x => x.Message.StartsWith("thresholds: unknown metric 'http_req_durration'", StringComparison.Ordinal) && x.ToString().Contains("did you mean 'http_req_duration'", StringComparison.Ordinal)), messages);
        Assert.All(e.Errors, x => Assert.Equal(0, x.Line));
    }

    [Fact]
    public void Build_TargetThatIsNotHttp_IsRefusedByName()
    {
        var e = Assert.Throws<PlanException>(new PlanBuilder("x", new Uri("ftp://127.0.0.1/")).Open(10, TimeSpan.FromSeconds(1)).Request("GET", "/").Build);

        Assert.Contains(e.Errors, x => x.ToString().StartsWith("<C#>: target: target 'ftp://127.0.0.1/' is not an absolute http:// or https:// URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_NoLoad_SaysSo()
    {
        var e = Assert.Throws<PlanException>(new PlanBuilder("x", new Uri("http://127.0.0.1:8080")).Request("GET", "/").Build);

        Assert.Contains(e.Errors, x => x.Message.Contains("no 'load'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    public void Build_RateThatIsNotAPositiveNumber_IsRefusedByName(double rate)
    {
        var builder = new PlanBuilder("x", new Uri("http://127.0.0.1:8080")).Open(rate, TimeSpan.FromSeconds(1)).Request("GET", "/");

        var e = Assert.Throws<PlanException>(builder.Build);

        Assert.Contains(e.Errors, x => x.Message.StartsWith("load.rate: ", StringComparison.Ordinal));
    }
}
