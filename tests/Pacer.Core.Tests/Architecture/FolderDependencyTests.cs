using Pacer.Core.Plans;

namespace Pacer.Core.Tests.Architecture;

/// <summary>
/// Pacer.Core's folders form a pipeline, and code may only depend on folders that come before its own. A dependency that
/// points backwards (a spec that calls the runtime, a transport that reads plans, results that call the scenario runtime) is
/// how the folders grew into loops; this test names each one with the types involved so it cannot come back unnoticed.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>
    /// The order, lowest first. Platform interop, files and precise timing are leaves; a transport knows only its own
    /// exchanges (no plan); plans are immutable specs (scenario steps, checks, thresholds) that may name a transport's
    /// response; recording and the scenario runtime come after what they record or run; the metric catalogue and thresholds
    /// read recorded data; the runner drives all of that; results are built from what was recorded; the engine is the top.
    /// </summary>
    private static readonly string[] Order =
    [
        "Files", "Platform", "Timing", "Transport", "Plans", "Scheduling", "Recording", "Flows", "Thresholds", "Running",
        "Results", "Monitoring", "Engine",
    ];

    /// <summary>
    /// Forward dependencies that are still wrong: results are built from recorded data and the metric catalogue, never by
    /// asking the scenario runtime, so a saved result and a live run can be read the same way.
    /// </summary>
    private static readonly HashSet<string> Forbidden = ["Results → Flows", "Results → Running"];

    /// <summary>
    /// Backward dependencies that exist today and are being removed (issue 14). The test fails when one disappears without
    /// leaving this list, so the list only shrinks; it must be empty when issue 14 is resolved.
    /// </summary>
    private static readonly HashSet<string> KnownBackward =
    [

    ];

    [Fact]
    public void EveryFolderOfCore_HasAPlaceInTheOrder()
    {
        var unplaced = CoreTypes().Select(FolderOf).Distinct().Where(folder => Array.IndexOf(Order, folder) < 0).ToList();

        Assert.True(unplaced.Count == 0, $"Folders with no place in the pipeline order: {string.Join(", ", unplaced)}");
    }

    [Fact]
    public void NoFolderDependsOnALaterOne()
    {
        var backward = BackwardDependencies();
        var unexpected = backward.Keys.Where(pair => !KnownBackward.Contains(pair)).Order().ToList();
        var gone = KnownBackward.Where(pair => !backward.ContainsKey(pair)).Order().ToList();

        Assert.True(
            unexpected.Count == 0,
            "Dependencies that point backwards along the pipeline (" + string.Join(" → ", Order) + ") or are forbidden:\n" +
            string.Join("\n", unexpected.Select(pair => $"  {pair}: {string.Join(", ", backward[pair].Take(6))}")));
        Assert.True(gone.Count == 0, $"Fixed, so remove from {nameof(KnownBackward)}: {string.Join(", ", gone)}");
    }

    [Fact]
    public void TheScanSeesMethodBodies_NotOnlySignatures()
    {
        var referenced = TypeReferences.Of(typeof(BodyOnly)).ToHashSet();

        Assert.Contains(typeof(System.Text.StringBuilder), referenced);
        Assert.Contains(typeof(Uri), referenced);
    }

    private static Dictionary<string, List<string>> BackwardDependencies()
    {
        var backward = new Dictionary<string, List<string>>();
        foreach (var type in CoreTypes())
        {
            var from = FolderOf(type);
            var fromRank = Array.IndexOf(Order, from);
            foreach (var referenced in TypeReferences.Of(type).Where(IsCore))
            {
                var to = FolderOf(referenced);
                var pair = $"{from} → {to}";
                if (Array.IndexOf(Order, to) <= fromRank && !Forbidden.Contains(pair)) continue;
                if (!backward.TryGetValue(pair, out var examples)) backward[pair] = examples = [];
                var example = $"{Outermost(type).Name} uses {Outermost(referenced).Name}";
                if (!examples.Contains(example)) examples.Add(example);
            }
        }

        return backward;
    }

    private static IEnumerable<Type> CoreTypes() => typeof(LoadPlan).Assembly.GetTypes().Where(IsCore);

    private static bool IsCore(Type type) =>
        type.Assembly == typeof(LoadPlan).Assembly && type.Namespace?.StartsWith("Pacer.Core.", StringComparison.Ordinal) == true;

    private static string FolderOf(Type type) => type.Namespace!.Split('.')[2];

    /// <summary>Names <see cref="System.Text.StringBuilder"/> and <see cref="Uri"/> only inside its body.</summary>
    private static class BodyOnly
    {
        public static int Count() => new System.Text.StringBuilder(new Uri("http://127.0.0.1/").Host).Length;
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }
}
