namespace Pacer.Core.Transport.Http1;

/// <summary>What <see cref="Http1ResponseParser.Parse"/> found.</summary>
internal enum ResponseParseStatus : byte
{
    /// <summary>More bytes are needed; everything reported as consumed has been used.</summary>
    NeedMore,

    /// <summary>One whole response (status, headers, body) has been read.</summary>
    Complete,

    /// <summary>The bytes are not a valid HTTP/1.1 response.</summary>
    Invalid,

    /// <summary>The body is larger than a flow step keeps (<see cref="ExchangeResponse.MaxBodyBytes"/>).</summary>
    TooLarge,
}
