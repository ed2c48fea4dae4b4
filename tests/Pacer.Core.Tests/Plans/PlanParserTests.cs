using Pacer.Core.Plans;
namespace Pacer.Core.Tests.Plans;

public sealed class PlanParserTests
{
    private const string Valid = """
        name: shop
        target: http://127.0.0.1:8080/api
        defaults:
          headers: { Accept: application/json }
          timeout: 2s
        requests:
          - name: login
            method: post
            path: /auth/login
            body: { user: a, retries: 3, admin: false, note: "007" }
            weight: 1
          - path: items
            headers: { Accept: text/plain }
            weight: 3
            timeout: 500ms
        load:
          model: open
          stages:
            - { duration: 10s, target: 100 }
            - { duration: 1m30s, target: 100 }
          max_connections: 50
          max_queue_wait: 2s
          max_requests: 5000
        thresholds:
          http_req_duration: ["p(95)<15ms", "p(99)<25ms"]
          "http_req_duration{name:login}": ["p(95)<50ms"]
          http_req_failed: [{ threshold: "rate<0.01", abortOnFail: true, delayAbortEval: 10s }]
        """;

    [Fact]
    public void Parse_ValidPlan_BuildsEverything()
    {
        var plan = PlanParser.Parse(Valid, "shop.yaml");

        Assert.Equal("shop", plan.Name);
        Assert.Equal(2, plan.Requests.Count);
        var login = plan.Requests[0];
        Assert.Equal("POST", login.Method);
        Assert.Equal("http://127.0.0.1:8080/api/auth/login", login.Url.ToString());
        Assert.Equal("""{"user":"a","retries":3,"admin":false,"note":"007"}""", login.Body);
        Assert.Contains(login.Headers, h => h.Key == "Content-Type" && h.Value == "application/json");
        Assert.Equal(TimeSpan.FromSeconds(2), login.Timeout);
        var items = plan.Requests[1];
        Assert.Equal("GET /api/items", items.Name);
        Assert.Equal(3, items.Weight);
        Assert.Equal(TimeSpan.FromMilliseconds(500), items.Timeout);
        Assert.Equal([new KeyValuePair<string, string>("Accept", "text/plain")], items.Headers);
        Assert.Equal(LoadModel.Open, plan.Load.Model);
        Assert.Equal(0, plan.Load.StartTarget);
        Assert.Equal(TimeSpan.FromSeconds(100), plan.Load.Duration);
        Assert.Equal(50, plan.Load.MaxConnections);
        Assert.Equal(5000, plan.Load.MaxRequests);
        Assert.Equal(4, plan.Thresholds.Count);
        Assert.Equal("http_req_duration{name:login}", plan.Thresholds[2].Key);
        Assert.True(plan.Thresholds[3].AbortOnFail);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Thresholds[3].DelayAbortEval);
        Assert.Equal(ThresholdAggregation.Rate, plan.Thresholds[3].Expression.Aggregation);
    }

    [Fact]
    public void Parse_ClosedModelConstantVus_IsOneStage()
    {
        var plan = PlanParser.Parse("target: http://h\nrequests: [{path: /}]\nload: {model: closed, vus: 20, duration: 30s}\n", "p.yaml");

        Assert.Equal(LoadModel.Closed, plan.Load.Model);
        Assert.Equal(20, plan.Load.StartTarget);
        Assert.Equal([new Stage(TimeSpan.FromSeconds(30), 20)], plan.Load.Stages);
        Assert.Equal("p", plan.Name);
    }

    [Fact]
    public void Parse_ProtocolSwitches_AreReadAndDefaultOff()
    {
        const string rest = "requests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n";

        var plain = PlanParser.Parse("target: http://h\n" + rest, "p.yaml");
        var switched = PlanParser.Parse("target: https://h\nhttp2: true\ninsecure_skip_tls_verify: true\n" + rest, "p.yaml");

        Assert.False(plain.Http2);
        Assert.False(plain.InsecureSkipTlsVerify);
        Assert.True(switched.Http2);
        Assert.True(switched.InsecureSkipTlsVerify);
    }

    [Fact]
    public void Parse_EventLoops_IsReadAndDefaultsToTheTransportsChoice()
    {
        const string rest = "requests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n";

        Assert.Null(PlanParser.Parse("target: http://h\n" + rest, "p.yaml").EventLoops);
        Assert.Equal(3, PlanParser.Parse("target: http://h\nevent_loops: 3\n" + rest, "p.yaml").EventLoops);
    }

    public static TheoryData<string, string, int, int, string> Mistakes => new()
    {
        { "target: http://h\nevent_loops: 0\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "event_loops must be between 1 and 1024, not 0", 2, 14, "leave it out for one per two cores" },
        { "target: http://h\nevent_loops: two\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "event_loops must be a whole number, not 'two'", 2, 14, "" },
        { "target: http://h\nhttp2: yes please\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "http2 must be true or false, not 'yes please'", 2, 8, "" },
        { "target: http://h\nhttp_2: true\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "unknown key 'http_2' in the plan", 2, 1, "did you mean 'http2'?" },
        // YAML syntax
        { "target: http://h\nrequests: [{path: /}\nload: {}\n", "YAML syntax: this [ is never closed", 2, 11, "add the closing ]" },
        { "target: http://h\nrequests:\n  - path: /\n   method: GET\n", "YAML syntax", 4, 4, "check indentation" },
        // unknown key with a near miss
        { "target: http://h\nrequests: [{path: /}]\nload:\n  model: open\n  rate: 10\n  duration: 5s\n  stagse: []\n", "unknown key 'stagse' in load", 7, 3, "did you mean 'stages'?" },
        { "targte: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "unknown key 'targte' in the plan", 1, 1, "did you mean 'target'?" },
        // wrong types
        { "target: http://h\nrequests: {path: /}\nload: {model: open, rate: 1, duration: 1s}\n", "requests must be a list", 2, 11, "" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: fast, duration: 1s}\n", "rate must be a number, not 'fast'", 3, 27, "" },
        { "target: http://h\nrequests: [{path: /, weight: [1]}]\nload: {model: open, rate: 1, duration: 1s}\n", "weight must be a number", 2, 30, "" },
        // bad durations
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 10, duration: 10 seconds}\n", "duration must be a duration, not '10 seconds'", 3, 41, "durations look like 500ms, 30s, 1m30s, 2h" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 10, duration: 30}\n", "duration '30' has no unit", 3, 41, "write 30s or 30ms" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 10, duration: -5s}\n", "duration '-5s' is negative", 3, 41, "write 5s" },
        { "target: http://h\ndefaults: {timeout: 0s}\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "defaults.timeout must be longer than zero, not '0s'", 2, 21, "" },
        { "target: http://h\ndefaults: {timeout: 0s}\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "defaults.timeout must be longer than zero", 2, 21, "" },
        // bad units and metrics in thresholds
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  http_req_duration: [\"p(95)<15parsecs\"]\n", "unknown unit 'parsecs'", 5, 23, "" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  http_req_duraton: [\"p(95)<15ms\"]\n", "unknown metric 'http_req_duraton'", 5, 3, "did you mean 'http_req_duration'?" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  http_req_duration: [\"rate<0.01\"]\n", "does not apply to http_req_duration, a trend metric", 5, 23, "takes avg, min, max, med, p(N), count" },
        { "target: http://h\nrequests: [{name: login, path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_req_duration{name:logn}\": [\"p(95)<1s\"]\n", "no request is named 'logn'", 5, 3, "did you mean 'login'?" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_req_duration{nmae:x}\": [\"p(95)<1s\"]\n", "unknown tag 'nmae'", 5, 3, "did you mean 'name'?" },
        // k6's expected_response tag: true or false, on the request metrics that have it, not next to status or error_kind
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_req_duration{expected_response:yes}\": [\"p(95)<1s\"]\n", "expected_response is true or false, not 'yes'", 5, 3, "http_req_duration{expected_response:true}" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_req_service_time{expected_response:true}\": [\"p(95)<1s\"]\n", "the expected_response tag does not apply to http_req_service_time", 5, 3, "it filters http_req_duration, http_reqs, http_req_failed" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_req_duration{status:200,expected_response:true}\": [\"p(95)<1s\"]\n", "expected_response cannot be combined with status", 5, 3, "keep one of the two" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_reqs{expected_response:false,error_kind:reset}\": [\"count<1\"]\n", "combines expected_response with error_kind", 5, 3, "keep one of the two" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_req_duration{expected_respons:true}\": [\"p(95)<1s\"]\n", "unknown tag 'expected_respons'", 5, 3, "did you mean 'expected_response'?" },
        // impossible stages and model mix-ups
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, stages: [{duration: 0s, target: 10}]}\n", "the stages add up to no time at all", 3, 29, "" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, stages: [{duration: 10s, target: 0}]}\n", "every target is 0", 3, 29, "" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, stages: [{duration: 10s, target: -5}]}\n", "stage target -5 is negative", 3, 54, "0 or more" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: -10, duration: 1s}\n", "rate -10 is negative", 3, 27, "0 or more" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, stages: [{duration: -1s, target: 5}]}\n", "stage duration '-1s' is negative", 3, 41, "write 1s" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 5, duration: 1s, stages: [{duration: 1s, target: 1}]}\n", "give either 'rate' with 'duration', or 'stages', not both", 3, 52, "" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, vus: 5, duration: 1s}\n", "'vus' does not apply to the open model", 3, 26, "the open model takes 'rate'" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: closed, vus: 5, duration: 1s, max_connections: 3}\n", "'max_connections' applies to the open model only", 3, 62, "" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: opn, rate: 5, duration: 1s}\n", "unknown model 'opn'", 3, 15, "did you mean 'open'?" },
        { "target: http://h\nrequests: [{path: /}]\nload: {rate: 5, duration: 1s}\n", "load has no 'model'", 3, 7, "" },
        { "target: http://h\nrequests: [{path: /}]\nload: {model: open, rate: 5}\n", "'rate' needs a 'duration'", 3, 27, "" },
        // missing or bad basics
        { "requests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "the plan has no 'target'", 1, 1, "" },
        { "target: ftp://h\nrequests: [{path: /}]\nload: {model: open, rate: 1, duration: 1s}\n", "is not an absolute http:// or https:// URL", 1, 9, "" },
        { "target: http://h\nrequests: []\nload: {model: open, rate: 1, duration: 1s}\n", "requests is empty", 2, 11, "" },
        { "target: http://h\nrequests: [{method: GET}]\nload: {model: open, rate: 1, duration: 1s}\n", "a request has no 'path'", 2, 12, "" },
        { "target: http://h\nrequests: [{path: /, weight: 0}]\nload: {model: open, rate: 1, duration: 1s}\n", "weight must be positive", 2, 30, "" },
        { "target: http://h\nrequests: [{path: /a, name: x}, {path: /b, name: x}]\nload: {model: open, rate: 1, duration: 1s}\n", "two requests are named 'x'", 2, 33, "" },
        { "target: http://h\nrequests: [{path: /, method: 'GET /'}]\nload: {model: open, rate: 1, duration: 1s}\n", "is not an HTTP method", 2, 30, "" },
        { "", "the plan is empty", 0, 0, "" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Parse_Mistake_ReportsLineColumnMessageAndHint(string yaml, string message, int line, int column, string hint)
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(yaml, "plan.yaml"));

        var match = error.Errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(match is not null, $"no error containing \"{message}\" in:\n{string.Join("\n", error.Errors)}");
        Assert.Equal((line, column), (match.Line, match.Column));
        Assert.Contains(hint, match.Hint ?? string.Empty, StringComparison.Ordinal);
        Assert.StartsWith(line > 0 ? $"plan.yaml:{line}:{column}: " : "plan.yaml: ", match.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExpectedResponseFilter_GivesTheTagAsK6WritesIt()
    {
        const string yaml = "target: http://h\nrequests: [{name: login, path: /}]\nload: {model: open, rate: 1, duration: 1s}\nthresholds:\n  \"http_req_duration{expected_response:true}\": [\"p(95)<1s\"]\n  \"http_reqs{name:login,expected_response:false}\": [\"count<10\"]\n";

        var plan = PlanParser.Parse(yaml, "plan.yaml");

        Assert.Equal(["http_req_duration{expected_response:true}", "http_reqs{name:login,expected_response:false}"], plan.Thresholds.Select(t => t.Key));
    }

    [Fact]
    public void Parse_DuplicateKeysAmongOtherMistakes_AreAllReportedAtOnce()
    {
        // Before, a key given twice stopped the reading: the other mistakes showed only once it was fixed.
        const string yaml = "target: http://h\nrequests:\n  - name: a\n    path: /x\n    path: /z\n    headers:\n      X: '1'\n    headers:\n      Y: '2'\n      Z: '3'\n    methd: GET\nload: {model: open, rate: -10, duration: 0s, rate: 5}\n";

        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(yaml, "plan.yaml"));

        Assert.Equal(
            [
                "plan.yaml:5:5: 'path' appears twice in the same mapping",
                "plan.yaml:8:5: 'headers' appears twice in the same mapping",
                "plan.yaml:11:5: unknown key 'methd' in a request",
                "plan.yaml:12:27: rate -10 is negative",
                "plan.yaml:12:42: duration must be longer than zero, not '0s'",
                "plan.yaml:12:46: 'rate' appears twice in the same mapping",
            ],
            error.Errors.Select(e => $"{e.Path}:{e.Line}:{e.Column}: {e.Message}"));
    }

    [Fact]
    public void Parse_DuplicateEntryThatDefinesAnAnchorUsedLater_ReportsTheDuplicate()
    {
        // Read without the second 'headers' entry, the alias below it names nothing: the duplicate is what the user wrote wrong.
        const string yaml = "target: http://h\nrequests:\n  - path: /a\n    headers: { X: '1' }\n    headers: &h { Y: '2' }\n  - path: /b\n    headers: *h\nload: {model: open, rate: 1, duration: 1s}\n";

        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(yaml, "plan.yaml"));

        Assert.Equal(["plan.yaml:5:5: 'headers' appears twice in the same mapping"], error.Errors.Select(e => $"{e.Path}:{e.Line}:{e.Column}: {e.Message}"));
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsAllInFileOrder()
    {
        const string yaml = "target: http://h\nrequests: [{path: /, weight: -1}]\nload: {model: open, rate: x, duration: 1s}\nthresholds:\n  http_req_duraton: [\"p(95)<1s\"]\n";

        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(yaml, "plan.yaml"));

        Assert.Equal(3, error.Errors.Count);
        Assert.Equal([2, 3, 5], error.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Load_MissingFile_ReportsTheFile()
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Load("/nonexistent/plan.yaml"));

        Assert.StartsWith("/nonexistent/plan.yaml: cannot read the plan", error.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("250us", 0.25)]
    [InlineData(" 10s ", 10_000)]
    public void DurationParser_Valid_ParsesToMilliseconds(string text, double ms)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(ms, value.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10 seconds")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1d")]
    [InlineData("")]
    public void DurationParser_Invalid_Rejects(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData("stagse", "stages")]
    [InlineData("max_conections", "max_connections")]
    [InlineData("moddel", "model")]
    [InlineData("zzzzzz", null)]
    public void KeySuggester_NearMiss_SuggestsTheKnownKey(string key, string? expected)
    {
        Assert.Equal(expected, KeySuggester.Suggest(key, ["stages", "max_connections", "model", "rate"]));
    }

    [Fact]
    public void Parse_EveryExamplePlan_IsValid()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Pacer.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var plans = Directory.GetFiles(Path.Combine(root, "examples"), "*.yaml");
        Assert.NotEmpty(plans);
        foreach (var path in plans)
        {
            // An SLO file (seed 000's performance-targets.yaml) sits beside the plans: it is valid as what it is.
            if (File.ReadLines(path).Any(l => l.StartsWith(SloFile.RootKey + ":", StringComparison.Ordinal)))
            {
                Assert.NotEmpty(SloFile.Load(path).Thresholds);
                continue;
            }

            // A tune file (pacer tune, tune-demo.yaml) sits beside them too: valid as a tune file, its plan as a plan.
            if (File.ReadLines(path).Any(l => l.StartsWith("knobs:", StringComparison.Ordinal)))
            {
                Assert.NotEmpty(Pacer.Core.Plans.Tuning.TuneFile.Load(path).Knobs);
                continue;
            }

            // A plan sends something: requests, or (a WebSocket-only journey) scenario steps.
            var plan = PlanParser.Load(path);
            Assert.True(plan.Requests.Count > 0 || plan.Scenarios.Any(s => s.Steps.Count > 0), $"{path} sends nothing");
        }
    }
}
