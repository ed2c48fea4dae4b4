namespace Pacer.Native.Tests;

/// <summary>Every test of the native binary shares one publish, and they run one at a time (the start-up test times arrivals).</summary>
[CollectionDefinition(Name)]
public sealed class NativeCollection : ICollectionFixture<NativePacer>
{
    public const string Name = "native pacer";
}
