using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Truth;

/// <summary>One request exactly as Pacer's recorder was given it: its name's slot, intended start and the transport's raw ticks.</summary>
internal readonly record struct ObservedRequest(int RequestIndex, long IntendedTicks, long SendTicks, long EndTicks, int Status, ErrorKind Error);
