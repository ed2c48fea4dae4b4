namespace Pacer.Core.Plans.Scenarios;

/// <summary>Where an extraction reads its value.</summary>
public enum ExtractionSource
{
    /// <summary>A JSONPath into a JSON body.</summary>
    Json,

    /// <summary>A response header.</summary>
    Header,

    /// <summary>A cookie set by the response.</summary>
    Cookie,

    /// <summary>The first capture group (or the whole match) of a regular expression over the body.</summary>
    Regex,
}
