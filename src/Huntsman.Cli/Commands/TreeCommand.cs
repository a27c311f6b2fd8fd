using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Huntsman.Cli.Infrastructure;
using Huntsman.Lineage;
using Huntsman.Readers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>`huntsman tree PATH...`: process trees per host, or the ancestry and descendants of one process.</summary>
internal sealed class TreeCommand : Command<TreeCommand.Settings>
{
    public sealed class Settings : EvidenceSettings
    {
        [CommandOption("--host <HOST>")]
        [Description("Only this host (Computer name, or its short name)")]
        public string? Host { get; init; }

        [CommandOption("--process <GUID|PID>")]
        [Description("Show the ancestry and descendants of this process (Sysmon ProcessGuid, or a PID, decimal or 0x hex)")]
        public string? Process { get; init; }

        [CommandOption("--at <TIME>")]
        [Description("With a PID: the process that owned it at this UTC time (PIDs are reused)")]
        public string? At { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("text (default) or json")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write to FILE instead of stdout")]
        public string? Output { get; init; }

        public override ValidationResult Validate()
        {
            if (Format is not ("text" or "json")) return ValidationResult.Error($"unknown --format '{Format}' (text, json)");
            if (At is not null && !TryParseTime(At, out _)) return ValidationResult.Error($"--at '{At}' is not a time (e.g. 2026-03-10T10:42:11Z)");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or more");
            return Paths.Length == 0 ? ValidationResult.Error("give at least one PATH") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Run(settings, CliConsole.FromEnvironment(), cancellationToken);

    internal static int Run(Settings settings, CliConsole console, CancellationToken cancel = default)
    {
        var builder = new ProcessTreeBuilder();
        var summary = EvidenceRunner.Run(settings.Paths, new ReaderOptions { Threads = settings.Threads }, console, settings.Quiet,
            batch => batch, batch => { foreach (var e in batch.Events) builder.Observe(e); }, cancel);
        var forest = builder.Build();
        var hosts = forest.Hosts.Where(h => settings.Host is null || h.Equals(settings.Host, StringComparison.OrdinalIgnoreCase)
                                            || ShortName(h).Equals(ShortName(settings.Host), StringComparison.OrdinalIgnoreCase)).ToList();

        using var output = OutputTarget.Open(settings.Output, console);
        if (output is null) return ExitCodes.Usage;
        if (settings.Process is null)
        {
            if (settings.Format == "json") WriteForestJson(output.Stream, forest, hosts);
            else
            {
                using var w = new StreamWriter(output.Stream, new UTF8Encoding(false), leaveOpen: true);
                foreach (var host in hosts)
                {
                    w.WriteLine($"# {host}");
                    foreach (var root in forest.Roots(host)) ProcessTreeWriter.WriteText(w, root);
                    w.WriteLine();
                }
            }
            return ExitCodes.For(summary);
        }

        var matches = FindProcesses(forest, hosts, settings);
        if (matches.Count == 0)
        {
            console.Error.WriteLine($"no process {settings.Process}{(settings.At is null ? "" : $" at {settings.At}")} in the evidence");
            return ExitCodes.NothingRead;
        }
        if (settings.Format == "json")
        {
            using var w = new Utf8JsonWriter(output.Stream, ProcessTreeWriter.JsonOptions);
            w.WriteStartArray();
            foreach (var n in matches)
            {
                w.WriteStartObject();
                w.WriteStartArray("ancestry");
                for (var p = n.Parent; p is not null; p = p.Parent) ProcessTreeWriter.WriteJson(w, p, withChildren: false);
                w.WriteEndArray();
                w.WritePropertyName("process");
                ProcessTreeWriter.WriteJson(w, n);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        else
        {
            using var w = new StreamWriter(output.Stream, new UTF8Encoding(false), leaveOpen: true);
            foreach (var n in matches)
            {
                w.WriteLine($"# {n.Host}");
                ProcessTreeWriter.WriteLineage(w, n);
                w.WriteLine();
            }
        }
        return ExitCodes.For(summary);
    }

    private static List<ProcessNode> FindProcesses(ProcessForest forest, List<string> hosts, Settings settings)
    {
        var key = settings.Process!.Trim();
        var found = new List<ProcessNode>();
        bool isGuid = key.Contains('-') || key.StartsWith('{');
        DateTime? at = settings.At is not null && TryParseTime(settings.At, out var t) ? t : null;
        foreach (var host in hosts)
        {
            if (isGuid)
            {
                if (forest.FindByGuid(host, key) is { } n) found.Add(n);
            }
            else if (Events.Taxonomy.ProcessStart.TryParseId(key, out var pid))
            {
                if (at is { } time) { if (forest.FindByPid(host, pid, time) is { } n) found.Add(n); }
                else found.AddRange(forest.Nodes(host).Where(n => n.ProcessId == pid && !n.Synthetic).OrderBy(n => n.SortTime));
            }
        }
        return found;
    }

    private static void WriteForestJson(Stream stream, ProcessForest forest, List<string> hosts)
    {
        using var w = new Utf8JsonWriter(stream, ProcessTreeWriter.JsonOptions);
        w.WriteStartArray();
        foreach (var host in hosts)
        {
            w.WriteStartObject();
            w.WriteString("host", host);
            w.WriteStartArray("roots");
            foreach (var root in forest.Roots(host)) ProcessTreeWriter.WriteJson(w, root);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string ShortName(string? host) => host is null ? "" : host.Split('.')[0];

    private static bool TryParseTime(string text, out DateTime time) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);
}
