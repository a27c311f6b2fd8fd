using System.Text.Json;
using Huntsman.Noise.Allowlist;
using Huntsman.Noise.Baseline;
using Huntsman.Noise.Coverage;

namespace Huntsman.Cli.Infrastructure;

/// <summary>The `anomalies`, `allowlist` and `coverage` blocks of `hunt --format json`.</summary>
internal static class HuntJsonBlocks
{
    public static void Write(Utf8JsonWriter w, HuntSession session)
    {
        w.WriteStartArray("anomalies");
        foreach (var a in session.Anomalies) AnomalyJsonWriter.Write(w, a);
        w.WriteEndArray();
        if (session.Noise.Ledger is { } ledger)
        {
            w.WritePropertyName("allowlist");
            AllowlistJsonWriter.Write(w, ledger);
        }
        w.WritePropertyName("coverage");
        CoverageJsonWriter.Write(w, session.Coverage);
    }
}
