using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pacer.Cli.Doctor;

/// <summary>
/// The doctor's report as JSON (<c>pacer doctor --json</c>), for scripts that check a machine before a run. Written for a
/// terminal or a file, never into HTML, so quotes and ampersands in the fix commands stay readable.
/// </summary>
internal static class DoctorJson
{
    public static string Write(DoctorReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("connections", report.Demand.Connections);
            json.WriteString("connections_from", report.Demand.ConnectionsFrom);
            json.WriteStartArray("hosts");
            foreach (var host in report.Demand.Hosts)
            {
                json.WriteStringValue(host);
            }

            json.WriteEndArray();
            json.WriteBoolean("limited", report.Limited);
            json.WriteStartArray("checks");
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("check", finding.Check);
                json.WriteString("found", finding.Found);
                json.WriteString("verdict", DoctorRenderer.Text(finding.Verdict).ToLowerInvariant());
                json.WriteString("why", finding.Why);
                if (finding.Fix is { } fix)
                {
                    json.WriteString("fix", fix);
                }
                else
                {
                    json.WriteNull("fix");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
