namespace Pacer.Core.Transport.Http1;

/// <summary>Where a lean-transport connection is in its life.</summary>
internal enum Http1ConnectionState : byte
{
    /// <summary>A non-blocking connect is under way; its request waits.</summary>
    Connecting,

    /// <summary>Open, with no request in flight: ready for reuse.</summary>
    Idle,

    /// <summary>A request is being written or its response read.</summary>
    Busy,

    /// <summary>Closed; the object is garbage once no one refers to it.</summary>
    Closed,
}
