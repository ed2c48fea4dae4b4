using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Transport;

public sealed class WireBufferTests
{
    [Fact]
    public void A_buffer_holds_no_array_until_its_first_write()
    {
        var buffer = new WireBuffer(1024);

        Assert.Empty(buffer.Array);
        Assert.Equal(0, buffer.Length);
        Assert.True(buffer.WrittenSpan.IsEmpty);
        buffer.Clear();
        Assert.Empty(buffer.Array);
    }

    [Fact]
    public void The_first_write_makes_an_array_of_the_initial_capacity()
    {
        var buffer = new WireBuffer(1024);

        buffer.Write((byte)'a');

        Assert.Equal(1024, buffer.Array.Length);
        Assert.Equal("a"u8.ToArray(), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_first_write_larger_than_the_initial_capacity_gets_all_it_needs()
    {
        var buffer = new WireBuffer(64);
        var text = new string('x', 300);

        buffer.WriteUtf8(text);

        Assert.Equal(300, buffer.Length);
        Assert.True(buffer.Array.Length >= 300);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Growth_keeps_what_was_written()
    {
        var buffer = new WireBuffer(4);
        for (var i = 0; i < 100; i++)
        {
            buffer.GetSpan(1)[0] = (byte)i;
            buffer.Advance(1);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (byte)i).ToArray(), buffer.WrittenSpan.ToArray());
    }
}
