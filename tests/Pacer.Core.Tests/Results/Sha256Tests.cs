using System.Text;
using Pacer.Core.Results;
using Xunit;

namespace Pacer.Core.Tests.Results;

public sealed class Sha256Tests
{
    [Fact]
    public void Abc_IsTheStandardsExample() =>
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Convert.ToHexStringLower(Sha256.Hash("abc"u8)));

    [Fact]
    public void EveryLengthAroundTheBlockAndPaddingEdges_MatchesTheLibrary()
    {
        // 55, 56, 63, 64 and 119, 120 bytes are where the padding takes one block or two; random bytes, fixed seed.
        var random = new Random(16);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.Hash(data));
        }
    }

    [Fact]
    public void ALargePlanText_MatchesTheLibrary()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("requests:\n  - url: http://127.0.0.1/é\n", 5000)));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(text), Sha256.Hash(text));
    }
}
