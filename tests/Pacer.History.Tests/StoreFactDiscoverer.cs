using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pacer.History.Tests;

/// <summary>
/// Discovers <see cref="StoreFactAttribute"/> facts: for the PostgreSQL subclass on a machine without PostgreSQL's binaries,
/// each becomes a skipped case naming what is missing (xunit 2 decides skips at discovery, and a fact attribute alone cannot
/// see which subclass it runs in).
/// </summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var type = testMethod.TestClass.Class.ToRuntimeType();
        if (typeof(PostgresHistoryStoreTests).IsAssignableFrom(type) && PostgresServer.Unavailable is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(diagnostics, display, displayOptions, testMethod, reason)];
        }

        return [new XunitTestCase(diagnostics, display, displayOptions, testMethod)];
    }
}
