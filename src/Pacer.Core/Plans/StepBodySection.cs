using YamlDotNet.RepresentationModel;

namespace Pacer.Core.Plans;

/// <summary>
/// Reads a request step's body from one of <c>body</c> (text, or a mapping or list sent as JSON), <c>body_file</c> (read
/// relative to the plan) or <c>form</c> (sent URL-encoded), adding the content type the body implies unless the step set one.
/// </summary>
internal static class StepBodySection
{
    /// <summary>
    /// The body text (null for none) and the node it was read from (where a mistake in its placeholders is reported);
    /// <paramref name="headers"/> gains the content type a JSON or form body implies.
    /// </summary>
    public static (string? Text, YamlNode? Node) Read(ScenarioReadContext c, Dictionary<string, YamlNode> e, List<KeyValuePair<string, string>> headers)
    {
        var reader = c.Reader;
        string? body = null;
        if (e.TryGetValue("body", out var b))
        {
            body = RequestsSection.Body(reader, b, headers);
        }

        if (e.TryGetValue("body_file", out var bf) && reader.Text(bf, "body_file") is { } bodyFile)
        {
            if (body is not null)
            {
                reader.Error(bf, "give either 'body' or 'body_file', not both");
            }

            var full = c.RelativeToPlan(bodyFile);
            try
            {
                body = InputFile.ReadText(full, InputFile.MaxBodyBytes);
                b = bf;
            }
            catch (InputFileException ex)
            {
                reader.Error(bf, $"cannot read body_file '{bodyFile}': {ex.Message}", "paths are relative to the plan file");
            }
        }

        if (e.TryGetValue("form", out var f) && reader.Mapping(f, "form") is { } form)
        {
            if (body is not null)
            {
                reader.Error(f, "give either 'body' or 'form', not both");
            }

            // A form is sent URL-encoded; placeholders inside values are rendered first, then sent as written.
            body = string.Join('&', form.Children.Select(kv => $"{Uri.EscapeDataString(((YamlScalarNode)kv.Key).Value ?? string.Empty)}={(kv.Value as YamlScalarNode)?.Value ?? string.Empty}"));
            if (!headers.Exists(x => string.Equals(x.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new("Content-Type", "application/x-www-form-urlencoded"));
            }
        }

        return (body, b ?? f);
    }
}
