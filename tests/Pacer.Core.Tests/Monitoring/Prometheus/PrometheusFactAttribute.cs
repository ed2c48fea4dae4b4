namespace Pacer.Core.Tests.Monitoring.Prometheus;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that start a real Prometheus server. Where the <c>prometheus</c> binary is not on the
/// PATH (.ci/run installs Debian's package), the test is skipped and says why instead of passing without having run.
/// </summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (Binary() is null) Skip = "the prometheus binary is not on the PATH (apt-get install prometheus; .ci/run installs it)";
    }

    /// <summary>The prometheus binary's path, or null.</summary>
    public static string? Binary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "prometheus"))
            .FirstOrDefault(File.Exists);
}
