using Pacer.Core.Plans.Scenarios.Checks;
using Pacer.Core.Plans.Scenarios;
using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Plans;

public sealed class ScenariosSectionTests
{
    private const string Head = "target: http://h:8080/api\nload: {model: open, rate: 10, duration: 5s}\n";

    [Fact]
    public void Parse_Journey_BuildsStepsTemplatesExtractionsAndChecks()
    {
        var plan = PlanParser.Parse(Head + """
            scenarios:
              - name: journey
                weight: 2
                vars: { shell: bash }
                steps:
                  - name: login
                    method: post
                    path: /login
                    body: { user: "u${vu}" }
                    extract: [{ var: token, json: $.token, scope: vu }, { var: sid, cookie: sid }]
                    checks: [{ status: 2xx }, { name: fast, duration_under: 50ms }, { json: $.ok, equals: true, abort_iteration: true }]
                  - think: 1s..3s
                  - group: work
                    probability: 0.5
                    steps:
                      - { name: run, path: "/run/${token}", query: { q: "${iter}" }, form: { a: "1" } }
              - name: other
                steps: [{ path: /health }]
            """, "p.yaml");

        Assert.Equal(2, plan.Scenarios.Count);
        var journey = plan.Scenarios[0];
        Assert.Equal(2, journey.Weight);
        Assert.Equal("bash", journey.Variables["shell"]);
        var login = Assert.IsType<RequestStep>(journey.Steps[0]);
        Assert.Equal("POST", login.Method);
        Assert.Equal("http://h:8080/api/login", login.Url.Text);
        Assert.Equal(VariableScope.VirtualUser, login.Extractions[0].Scope);
        Assert.Equal(ExtractionSource.Cookie, login.Extractions[1].Source);
        Assert.Equal(["status is 2xx", "fast", "$.ok is true"], login.Checks.Select(c => c.Name));
        Assert.True(login.Checks[2].AbortIteration);
        var think = Assert.IsType<ThinkStep>(journey.Steps[1]);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), (think.Min, think.Max));
        var group = Assert.IsType<GroupStep>(journey.Steps[2]);
        Assert.Equal(0.5, group.Probability);
        var run = Assert.IsType<RequestStep>(group.Steps[0]);
        Assert.Equal("work › run", run.Name);
        Assert.Equal("http://h:8080/api/run/${token}?q=${iter}", run.Url.Text);
        Assert.Contains(run.Headers, h => h.Name == "Content-Type" && h.Value.Text == "application/x-www-form-urlencoded");
        Assert.Equal(["login", "work › run", "GET /health"], plan.Requests.Select(r => r.Name));
        Assert.Equal([0, 1, 2], ScenarioSteps.AllRequests(plan.Scenarios.SelectMany(s => s.Steps)).Select(r => r.MetricIndex));
    }

    [Fact]
    public void Parse_ChecksThresholds_AreValidatedAgainstCheckNames()
    {
        var yaml = Head + "scenarios:\n  - steps: [{ path: /, checks: [{ name: ok, status: 200 }] }]\nthresholds:\n  \"checks{name:ko}\": [\"rate>0.9\"]\n";

        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(yaml, "p.yaml"));

        Assert.Contains(error.Errors, e => e.Message.Contains("no check is named 'ko'", StringComparison.Ordinal) && e.Hint!.Contains("did you mean 'ok'?", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, int, int> Mistakes => new()
    {
        { "scenarios:\n  - steps: [{ path: \"/a/${token\" }]\n", "unclosed", 2, 25 },
        { "scenarios:\n  - steps: [{ path: \"/a/${random(5,1)}\" }]\n", "random", 2, 34 },
        { "scenarios:\n  - steps: [{ path: /a, checks: [{ status: 20x }] }]\n", "'20x' is not a status", 2, 44 },
        { "scenarios:\n  - steps: [{ path: /a, checks: [{ status: 200, json: $.a }] }]\n", "a check has both status and json; each check tests one thing", 2, 34 },
        { "scenarios:\n  - steps: [{ path: /a, checks: [{ name: x }] }]\n", "a check needs exactly one of", 2, 34 },
        { "scenarios:\n  - steps: [{ path: /a, checks: [{ json: $.a, equals: \"${x\" }] }]\n", "equals: unclosed", 2, 56 },
        { "scenarios:\n  - steps: [{ path: /a, extract: [{ var: t }] }]\n", "needs exactly one of json, header, cookie, regex", 2, 35 },
        { "scenarios:\n  - steps: [{ path: /a, extract: [{ var: t, json: \"$.a[*]\" }] }]\n", "supported", 2, 56 },
        { "scenarios:\n  - steps: [{ path: /a, probability: 1.5 }]\n", "probability must be above 0 and at most 1", 2, 38 },
        { "scenarios:\n  - steps: [{ think: soon }]\n", "think must be a duration or a range", 2, 22 },
        { "scenarios:\n  - steps: [{ think: 3s..1s }]\n", "think range '3s..1s' ends before it starts", 2, 22 },
        { "scenarios:\n  - steps: [{ think: -1s }]\n", "think '-1s' is negative", 2, 22 },
        { "scenarios:\n  - steps: [{ think: 1s..-3s }]\n", "think '1s..-3s' is negative", 2, 22 },
        { "scenarios:\n  - steps: [{ method: GET }]\n", "a step has no 'path'", 2, 13 },
        { "scenarios:\n  - steps: [{ path: /a, chekcs: [] }]\n", "unknown key 'chekcs'", 2, 25 },
        { "scenarios:\n  - steps: [{ path: \"/u/${data.user}\" }]\n", "has no data file", 2, 21 },
        { "scenarios:\n  - data: { file: /nonexistent/users.csv }\n    steps: [{ path: / }]\n", "users.csv", 2, 19 },
        { "scenarios:\n  - data: { file: x.csv, order: shuffled }\n    steps: [{ path: / }]\n", "unknown data order 'shuffled'", 2, 33 },
        { "scenarios:\n  - steps: [{ path: /a }, { path: /a }]\n", "two request steps are named 'GET /a'", 2, 27 },
        { "scenarios:\n  - steps: []\n", "steps is empty", 2, 12 },
        { "scenarios:\n  - pacing: 5s\n    steps: [{ path: / }]\n", "pacing applies to the closed model only", 2, 13 },
        { "scenarios:\n  - steps: [{ path: /, method: POST, body_file: /nonexistent/body.json }]\n", "cannot read body_file", 2, 49 },
        { "metrics: { t: tren }\nscenarios:\n  - steps: [{ path: / }]\n", "unknown metric type 'tren'", 1, 15 },
        { "metrics: { http_reqs: counter }\nscenarios:\n  - steps: [{ path: / }]\n", "is a built-in metric", 1, 12 },
        { "metrics: { t: trend }\nscenarios:\n  - steps: [{ path: /, record: [{ metric: tt }] }]\n", "no metric 'tt' is declared", 3, 43 },
        { "metrics: { r: rate }\nscenarios:\n  - steps: [{ path: /, record: [{ metric: r, value: duration }] }]\n", "value 'duration' feeds a trend", 3, 53 },
        { "scenarios:\n  - steps: [{ group: g, steps: [{ path: / }] }]\nthresholds:\n  \"group_duration{group:h}\": [\"p(95)<1s\"]\n", "no group is named 'h'", 4, 3 },
        { "requests: [{ path: / }]\nscenarios:\n  - steps: [{ path: / }]\n", "not both", 1, 11 },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Parse_Mistake_ReportsItsPlace(string body, string message, int line, int column)
    {
        var error = Assert.Throws<PlanException>(() => PlanParser.Parse(Head + body, "p.yaml"));

        var match = error.Errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(match is not null, $"no error mentions '{message}': {string.Join(" | ", error.Errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"))}");
        Assert.Equal((line + 2, column), (match.Line, match.Column));
    }
}
