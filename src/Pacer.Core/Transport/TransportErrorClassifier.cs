using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Transport;

/// <summary>Maps what .NET throws for a failed request onto <see cref="ErrorKind"/>.</summary>
internal static class TransportErrorClassifier
{
    public static ErrorKind Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UnsolicitedBytesException:
                    return ErrorKind.Protocol;
                case SocketException socket:
                    return FromSocket(socket.SocketErrorCode);
                case AuthenticationException:
                    return ErrorKind.Tls;
                case HttpRequestException http when http.HttpRequestError is not HttpRequestError.Unknown and not HttpRequestError.ConnectionError:
                    return http.HttpRequestError switch
                    {
                        HttpRequestError.NameResolutionError => ErrorKind.Dns,
                        HttpRequestError.SecureConnectionError => ErrorKind.Tls,
                        HttpRequestError.ResponseEnded => ErrorKind.Reset,
                        HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.VersionNegotiationError
                            or HttpRequestError.ConfigurationLimitExceeded or HttpRequestError.UserAuthenticationError => ErrorKind.Protocol,
                        _ => ErrorKind.Other,
                    };
            }
        }

        return exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } ? ErrorKind.Refused
            : exception is IOException ? ErrorKind.Reset
            : ErrorKind.Other;
    }

    private static ErrorKind FromSocket(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => ErrorKind.Refused,
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected or SocketError.OperationAborted => ErrorKind.Reset,
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ErrorKind.Dns,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable => ErrorKind.Refused,
        SocketError.TimedOut => ErrorKind.Timeout,
        _ => ErrorKind.Other,
    };

    /// <summary>A socket error errno as an error kind.</summary>
    public static ErrorKind FromErrno(int errno) => errno switch
    {
        LinuxNative.ECONNREFUSED or LinuxNative.ENETUNREACH or LinuxNative.EHOSTUNREACH or LinuxNative.EADDRNOTAVAIL => ErrorKind.Refused,
        LinuxNative.ECONNRESET or LinuxNative.EPIPE or LinuxNative.ECONNABORTED => ErrorKind.Reset,
        LinuxNative.ETIMEDOUT => ErrorKind.Timeout,
        _ => ErrorKind.Other,
    };
}
