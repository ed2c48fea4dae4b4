namespace Pacer.Core.Plans.Scenarios;

/// <summary>A template could not be rendered because the scope lacks a value one of its placeholders needs.</summary>
internal sealed class TemplateRenderException : Exception
{
    /// <summary>Creates the exception for <paramref name="placeholder"/> (as written, e.g. <c>${token}</c>).</summary>
    public TemplateRenderException(string placeholder, string message)
        : base(message)
    {
        Placeholder = placeholder;
    }

    /// <summary>Creates the exception with a message and no placeholder.</summary>
    public TemplateRenderException(string message)
        : base(message)
    {
        Placeholder = string.Empty;
    }

    /// <summary>Creates the exception with a message, its cause and no placeholder.</summary>
    public TemplateRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
        Placeholder = string.Empty;
    }

    /// <summary>Creates an empty exception.</summary>
    public TemplateRenderException()
    {
        Placeholder = string.Empty;
    }

    /// <summary>The placeholder that could not be filled, as written in the template (e.g. <c>${token}</c>); empty when unknown.</summary>
    public string Placeholder { get; }
}
