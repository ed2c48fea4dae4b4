namespace Pacer.Native.Tests;

/// <summary>What a finished process left: its exit code and everything it wrote.</summary>
public sealed record NativeResult(int Exit, string Stdout, string Stderr)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string Text => $"exit {Exit}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
