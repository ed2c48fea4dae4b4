namespace Pacer.Native.Tests;

/// <summary>A temporary folder removed with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("pacer-native-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
