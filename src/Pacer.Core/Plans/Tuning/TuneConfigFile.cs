namespace Pacer.Core.Plans.Tuning;

/// <summary>A file written from a template before each start of the service, with the knobs' values filled in.</summary>
/// <param name="Path">Where it is written (relative paths are relative to the tune file's folder, resolved when read).</param>
/// <param name="Template">Its text, with <c>{knob}</c> and <c>{port}</c> placeholders.</param>
public sealed record TuneConfigFile(string Path, string Template);
