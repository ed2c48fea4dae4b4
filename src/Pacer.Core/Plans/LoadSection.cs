using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>Reads the <c>load</c> section: the model, its constant or staged shape, and the open model's pool settings.</summary>
internal static class LoadSection
{
    private static readonly string[] Keys =
        ["model", "rate", "vus", "duration", "stages", "start_rate", "start_vus", "max_connections", "max_queue_wait", "max_requests", "graceful_stop", "warmup"];

    private static readonly string[] Models = ["open", "closed"];
    private static readonly string[] StageKeys = ["duration", "target"];
    /// <summary>
    /// Highest open-model rate (requests/s). Far above what one generator sends (tens of thousands a second), yet low enough that
    /// the arrivals it releases can be held: at most <c>OpenLaneRunner.MaxBacklog</c> wait for a connection, the rest are dropped.
    /// </summary>
    public const double MaxRate = 1_000_000;

    private static readonly TimeSpan DefaultMaxQueueWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultGracefulStop = TimeSpan.FromSeconds(10);

    public static LoadProfile? Read(PlanReader reader, YamlMappingNode root, Dictionary<string, YamlNode> entries)
    {
        if (!entries.TryGetValue("load", out var node))
        {
            reader.Error(root, "the plan has no 'load'", "e.g. load: { model: open, rate: 100, duration: 30s }");
            return null;
        }

        if (reader.Mapping(node, "load") is not { } mapping)
        {
            return null;
        }

        var e = reader.Entries(mapping, "load", Keys);
        var before = reader.Errors.Count;
        if (!e.TryGetValue("model", out var modelNode))
        {
            reader.Error(mapping, "load has no 'model'", "model: open (arrival rate, requests/s) or model: closed (virtual users)");
            return null;
        }

        var modelText = reader.Text(modelNode, "model");
        if (modelText is null)
        {
            return null;
        }

        if (!Models.Contains(modelText))
        {
            var suggestion = KeySuggester.Suggest(modelText, Models);
            reader.Error(modelNode, $"unknown model '{modelText}'", suggestion is null ? "model is open or closed" : $"did you mean '{suggestion}'?");
            return null;
        }

        var open = modelText == "open";
        var (amountKey, startKey, wrongAmount, wrongStart) = open ? ("rate", "start_rate", "vus", "start_vus") : ("vus", "start_vus", "rate", "start_rate");
        foreach (var wrong in new[] { wrongAmount, wrongStart })
        {
            if (e.TryGetValue(wrong, out var w))
            {
                reader.Error(w, $"'{wrong}' does not apply to the {modelText} model", $"the {modelText} model takes '{(wrong == wrongAmount ? amountKey : startKey)}'");
            }
        }

        if (!open)
        {
            foreach (var openOnly in new[] { "max_connections", "max_queue_wait" })
            {
                if (e.TryGetValue(openOnly, out var w))
                {
                    reader.Error(w, $"'{openOnly}' applies to the open model only", "in the closed model each virtual user has one connection");
                }
            }
        }

        var startTarget = 0.0;
        var stages = new List<Stage>();
        var hasAmount = e.TryGetValue(amountKey, out var amountNode);
        var hasStages = e.TryGetValue("stages", out var stagesNode);
        e.TryGetValue("duration", out var durationNode);
        if (hasAmount && hasStages)
        {
            reader.Error(stagesNode, $"give either '{amountKey}' with 'duration', or 'stages', not both");
        }
        else if (hasAmount)
        {
            var amount = Target(reader, amountNode!, amountKey, open);
            if (durationNode is null)
            {
                reader.Error(amountNode, $"'{amountKey}' needs a 'duration'", "e.g. duration: 30s");
            }
            else if (PlanParser.PositiveDuration(reader, durationNode, "duration", DurationLimits.MaxRun) is { } duration && amount is { } a)
            {
                if (a <= 0)
                {
                    reader.Error(amountNode, $"{amountKey} must be positive, not {a}");
                }

                startTarget = a;
                stages.Add(new Stage(duration, a));
            }
        }
        else if (hasStages)
        {
            if (durationNode is not null)
            {
                reader.Error(durationNode, "'duration' goes with a constant rate or vus; each stage carries its own duration");
            }

            if (e.TryGetValue(startKey, out var startNode) && Target(reader, startNode, startKey, open) is { } start)
            {
                startTarget = start;
            }

            ReadStages(reader, stagesNode!, open, stages);
        }
        else
        {
            reader.Error(mapping, $"load needs '{amountKey}' with 'duration', or 'stages'", open
                ? "e.g. rate: 100 and duration: 30s, or stages: [{ duration: 10s, target: 100 }]"
                : "e.g. vus: 10 and duration: 30s, or stages: [{ duration: 10s, target: 10 }]");
        }

        var maxConnections = LoadProfile.DefaultMaxConnections;
        if (e.TryGetValue("max_connections", out var mc) && reader.Integer(mc, "max_connections") is { } connections)
        {
            if (connections is < 1 or > 1_000_000)
            {
                reader.Error(mc, $"max_connections must be between 1 and 1000000, not {connections}");
            }
            else
            {
                maxConnections = (int)connections;
            }
        }

        var maxQueueWait = e.TryGetValue("max_queue_wait", out var mq) ? PlanParser.PositiveDuration(reader, mq, "max_queue_wait") ?? DefaultMaxQueueWait : DefaultMaxQueueWait;
        long? maxRequests = null;
        if (e.TryGetValue("max_requests", out var mr) && reader.Integer(mr, "max_requests") is { } n)
        {
            if (n < 1)
            {
                reader.Error(mr, $"max_requests must be at least 1, not {n}");
            }
            else
            {
                maxRequests = n;
            }
        }

        var gracefulStop = DefaultGracefulStop;
        if (e.TryGetValue("graceful_stop", out var gs) && reader.Duration(gs, "graceful_stop") is { } grace)
        {
            gracefulStop = grace;
        }

        if (reader.Errors.Count > before)
        {
            return null;
        }

        var total = stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        if (total <= TimeSpan.Zero)
        {
            reader.Error(stagesNode ?? mapping, "the stages add up to no time at all", "give at least one stage a positive duration");
            return null;
        }

        if (total > DurationLimits.MaxRun)
        {
            reader.Error(stagesNode ?? mapping, $"the stages add up to {total.TotalHours:0.#}h, longer than the limit of {(int)DurationLimits.MaxRun.TotalHours}h", $"a run may last {DurationLimits.UpTo(DurationLimits.MaxRun)}");
            return null;
        }

        if (startTarget <= 0 && stages.TrueForAll(s => s.Target <= 0))
        {
            reader.Error(stagesNode ?? mapping, $"every target is 0, so the plan would send nothing", $"give some stage a positive target ({(open ? "requests/s" : "virtual users")})");
            return null;
        }

        var warmup = !e.TryGetValue("warmup", out var wu) || (reader.Boolean(wu, "warmup") ?? true);
        return new LoadProfile(open ? LoadModel.Open : LoadModel.Closed, startTarget, stages, maxConnections, maxQueueWait, maxRequests, gracefulStop) { Warmup = warmup };
    }

    private static void ReadStages(PlanReader reader, YamlNode node, bool open, List<Stage> stages)
    {
        if (reader.Sequence(node, "stages") is not { } sequence)
        {
            return;
        }

        if (sequence.Children.Count == 0)
        {
            reader.Error(node, "stages is empty", "e.g. stages: [{ duration: 10s, target: 100 }]");
        }

        foreach (var item in sequence.Children)
        {
            if (reader.Mapping(item, "a stage") is not { } mapping)
            {
                continue;
            }

            var e = reader.Entries(mapping, "a stage", StageKeys);
            if (!e.TryGetValue("duration", out var d))
            {
                reader.Error(item, "a stage has no 'duration'", "e.g. { duration: 30s, target: 100 }");
            }

            if (!e.TryGetValue("target", out var t))
            {
                reader.Error(item, "a stage has no 'target'", open ? "target is the request rate per second at the end of the stage" : "target is the number of virtual users at the end of the stage");
            }

            if (d is null || t is null)
            {
                continue;
            }

            var duration = reader.Duration(d, "stage duration", DurationLimits.MaxRun);
            var target = Target(reader, t, "stage target", open);
            if (duration is { } dv && dv < TimeSpan.Zero)
            {
                reader.Error(d, "a stage cannot last a negative time");
            }
            else if (duration is { } ok && target is { } tv)
            {
                stages.Add(new Stage(ok, tv));
            }
        }
    }

    private static double? Target(PlanReader reader, YamlNode node, string what, bool open)
    {
        if (open)
        {
            var rate = reader.Number(node, what);
            if (rate < 0)
            {
                reader.Error(node, $"{what} {rate.Value.ToString(CultureInfo.InvariantCulture)} is negative", "a rate is requests per second, 0 or more");
                return null;
            }

            if (rate > MaxRate)
            {
                reader.Error(node, $"{what} must be at most {MaxRate:0} requests/s, not {rate}", "one generator sends tens of thousands a second; for more, run several generators");
                return null;
            }

            return rate;
        }

        var users = reader.Integer(node, what);
        if (users is < 0 or > 1_000_000)
        {
            reader.Error(node, $"{what} must be between 0 and 1000000 virtual users, not {users}");
            return null;
        }

        return users;
    }
}
