using System.Reflection;
using System.Runtime.InteropServices;

namespace Pacer.Core.Results;

/// <summary>Where a run happens: this machine, its runtime, Pacer's version and the transport that sent the requests.</summary>
internal static class EnvironmentCapture
{
    public static EnvironmentInfo Now(string transportName) => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.ProcessorCount,
        typeof(EnvironmentCapture).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        transportName);
}
