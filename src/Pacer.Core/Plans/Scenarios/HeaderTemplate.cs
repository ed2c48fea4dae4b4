using System.Text;

namespace Pacer.Core.Plans.Scenarios;

/// <summary>A request header whose value may hold placeholders.</summary>
internal sealed record HeaderTemplate(string Name, Template Value)
{
    /// <summary><c>Name: </c> as UTF-8, encoded once: rendering writes it and then the value.</summary>
    public byte[] LinePrefix { get; } = Encoding.UTF8.GetBytes(Name + ": ");

    /// <summary>Content-Length or Transfer-Encoding: the transport frames the body itself, and a user's value would contradict it.</summary>
    public bool IsFraming { get; } =
        Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase);

    /// <summary>The step names its own Host.</summary>
    public bool IsHost { get; } = Name.Equals("Host", StringComparison.OrdinalIgnoreCase);
}
