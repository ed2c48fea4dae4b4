namespace Pacer.Core.Transport;

// The one member of Pacer.Core's ExchangeResponse that the linked WebSocket files use (the session's largest message): the
// probe compiles those files without the rest of Pacer.Core. Memory per idle socket does not depend on it.
internal static class ExchangeResponse
{
    public const int MaxBodyBytes = 16 * 1024 * 1024;
}
