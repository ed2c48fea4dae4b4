namespace Pacer.Core.Flows;

/// <summary>
/// One variable of a virtual user, stored as UTF-8 and overwritten in place: extracting a token every iteration reuses the
/// slot's bytes instead of allocating a string, and rendering copies them straight into the request.
/// </summary>
internal sealed class VariableSlot
{
    private byte[] bytes = new byte[32];
    private int length;

    /// <summary>False once cleared (a new iteration) until set again.</summary>
    public bool IsSet { get; private set; }

    public ReadOnlySpan<byte> Value => bytes.AsSpan(0, length);

    public void Set(ReadOnlySpan<byte> value)
    {
        if (value.Length > bytes.Length)
        {
            bytes = new byte[Math.Max(value.Length, bytes.Length * 2)];
        }

        value.CopyTo(bytes);
        length = value.Length;
        IsSet = true;
    }

    public void Unset() => IsSet = false;
}
