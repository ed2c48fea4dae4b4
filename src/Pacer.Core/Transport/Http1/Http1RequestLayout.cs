namespace Pacer.Core.Transport.Http1;

/// <summary>Where <see cref="Http1RequestWriter"/> put the header lines and the body in a framed request.</summary>
/// <param name="HeadersStart">Offset of the first header line the request brought (after the request line and Host).</param>
/// <param name="HeadersEnd">Offset just past its last header line.</param>
/// <param name="BodyStart">Offset of the body (after the blank line).</param>
internal readonly record struct Http1RequestLayout(int HeadersStart, int HeadersEnd, int BodyStart);
