namespace Pacer.Core.Tests.Flows;

/// <summary>A data file under the temp folder with a unique name, deleted on dispose.</summary>
internal sealed class TempDataFile : IDisposable
{
    public TempDataFile(string extension, string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pacer-flows-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
