using Xunit.Sdk;

namespace Pacer.History.Tests;

/// <summary>
/// A fact of the shared store suite (<see cref="HistoryStoreContract"/>): it runs once per store subclass, and is skipped, with
/// the reason, for a subclass whose database cannot be started here (<see cref="StoreFactDiscoverer"/>).
/// </summary>
[XunitTestCaseDiscoverer("Pacer.History.Tests.StoreFactDiscoverer", "Pacer.History.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
