namespace Pacer.Analysis.Capacity;

/// <summary>How many replicas serve a target rate when each is run at a share of its measured capacity, and the HPA that matches.</summary>
/// <param name="TargetRate">The rate to serve, requests per second.</param>
/// <param name="Headroom">The share of one replica's capacity it is planned to run at (0.7 = 70%).</param>
/// <param name="PerReplica">The rate one replica is planned to carry: capacity × headroom.</param>
/// <param name="Replicas">⌈target ÷ per replica⌉.</param>
public sealed record ReplicaPlan(double TargetRate, double Headroom, double PerReplica, int Replicas)
{
    /// <summary>The CPU (cores) one replica used at its capacity, from the watched steps; null when not watched.</summary>
    public double? CpuAtCapacity { get; init; }

    /// <summary>
    /// The HPA target: the CPU at the planned load as a share of the CPU at capacity (the container's request set to the
    /// latter), in percent; null when the target's CPU was not watched.
    /// </summary>
    public int? AverageUtilization { get; init; }

    /// <summary>Plans for <paramref name="targetRate"/> at <paramref name="headroom"/> of <paramref name="capacity"/>, reading the CPU from the held steps.</summary>
    public static ReplicaPlan For(double capacity, double targetRate, double headroom, IReadOnlyList<CapacityStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacity, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(targetRate, 0);
        if (!(headroom > 0 && headroom <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(headroom), headroom, "headroom is the share of capacity a replica runs at, above 0 and at most 1");
        }

        var perReplica = capacity * headroom;
        var replicas = (int)Math.Ceiling(targetRate / perReplica - 1e-9);
        var cpu = steps.Where(s => s.Held && s.TargetCpu is > 0).GroupBy(s => s.Level)
            .Select(g => (Level: g.Key, Cpu: g.Average(s => s.TargetCpu!.Value))).OrderBy(p => p.Level).ToList();
        var atCapacity = Interpolate(cpu, capacity);
        var atPlan = Interpolate(cpu, perReplica);
        var utilization = atCapacity is > 0 && atPlan is { } planned ? (int?)Math.Clamp((int)Math.Round(100 * planned / atCapacity.Value), 1, 100) : null;
        return new ReplicaPlan(targetRate, headroom, perReplica, Math.Max(1, replicas)) { CpuAtCapacity = atCapacity, AverageUtilization = utilization };
    }

    /// <summary>A Kubernetes HorizontalPodAutoscaler (autoscaling/v2) for <paramref name="deployment"/> with this plan's replicas and CPU target.</summary>
    public string HpaManifest(string deployment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deployment);
        var request = CpuAtCapacity is { } cores ? $"# Set the container's resources.requests.cpu to {Math.Ceiling(cores * 1000)}m (its CPU at capacity),\n# so averageUtilization is the share of capacity each pod runs at.\n" : "";
        var utilization = AverageUtilization ?? (int)Math.Round(Headroom * 100);
        var basis = AverageUtilization is null ? "headroom (the target's CPU was not watched)" : "CPU at the planned load ÷ CPU at capacity";
        return $"""
            {request}apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: {deployment}-hpa
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: {deployment}
              minReplicas: {Replicas}
              maxReplicas: {Replicas * 2}
              metrics:
              - type: Resource
                resource:
                  name: cpu
                  target:
                    type: Utilization
                    averageUtilization: {utilization}   # {basis}

            """;
    }

    private static double? Interpolate(List<(double Level, double Cpu)> points, double level)
    {
        if (points.Count == 0)
        {
            return null;
        }

        if (points.Count == 1 || level <= points[0].Level)
        {
            // Below the first watched step, CPU is taken as proportional to load (through zero): an idle service uses ~none.
            return points[0].Cpu * level / points[0].Level;
        }

        for (var i = 1; i < points.Count; i++)
        {
            if (level <= points[i].Level)
            {
                var (a, b) = (points[i - 1], points[i]);
                return a.Cpu + (b.Cpu - a.Cpu) * (level - a.Level) / (b.Level - a.Level);
            }
        }

        return points[^1].Cpu;
    }
}
