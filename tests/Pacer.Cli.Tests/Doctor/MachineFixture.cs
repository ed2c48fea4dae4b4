using Pacer.Cli.Doctor;

namespace Pacer.Cli.Tests.Doctor;

/// <summary>A made-up machine: /proc and /sys files under a temporary root, for the doctor's checks to read.</summary>
internal sealed class MachineFixture : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("pacer-doctor-").FullName;

    public HostFiles Files => new(root);

    /// <summary>Writes <paramref name="text"/> at the machine path <paramref name="path"/>.</summary>
    public MachineFixture With(string path, string text)
    {
        var file = Files.Locate(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return this;
    }

    /// <summary>The context a check sees on this machine, for a run of <paramref name="connections"/> whose target is local (true), remote (false) or unknown.</summary>
    public DoctorContext Context(int connections = 1000, bool? local = false, int processorCount = 2) =>
        new(Files, new DoctorDemand(connections, "test", local is null ? [] : ["target.test"]), new TargetPlacement(local, "target.test"), processorCount);

    public void Dispose() => Directory.Delete(root, recursive: true);
}
