using System.ComponentModel;
using System.Text;
using Huntsman.Cli.Infrastructure;
using Huntsman.Lateral;
using Huntsman.Readers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>`huntsman lateral PATH...`: PsExec-family remote execution findings, both ends linked when present.</summary>
internal sealed class LateralCommand : Command<LateralCommand.Settings>
{
    public sealed class Settings : EvidenceSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("table (default), json or jsonl")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write to FILE instead of stdout")]
        public string? Output { get; init; }

        [CommandOption("--allowlist <FILE>")]
        [Description("YAML of known-good admin tools/accounts/hosts (see allowlists/lateral-example.yml)")]
        public string? Allowlist { get; init; }

        [CommandOption("--show-suppressed")]
        [Description("Also print findings the allowlist suppressed (marked with suppressed_by)")]
        public bool ShowSuppressed { get; init; }

        public override ValidationResult Validate()
        {
            if (Format is not ("table" or "json" or "jsonl")) return ValidationResult.Error($"unknown --format '{Format}' (table, json, jsonl)");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or more");
            return Paths.Length == 0 ? ValidationResult.Error("give at least one PATH") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Run(settings, CliConsole.FromEnvironment(), cancellationToken);

    internal static int Run(Settings settings, CliConsole console, CancellationToken cancel = default)
    {
        if (!LateralAllowlistOption.TryLoad(settings.Allowlist, console, out var allowlist)) return ExitCodes.Usage;
        var detector = new LateralMovementDetector(allowlist);
        var summary = EvidenceRunner.Run(settings.Paths, new ReaderOptions { Threads = settings.Threads }, console, settings.Quiet,
            batch => batch, batch => { foreach (var e in batch.Events) detector.Observe(e); }, cancel);
        var findings = detector.Finish();
        var shown = findings.Where(f => settings.ShowSuppressed || !f.Suppressed).ToList();

        using var output = OutputTarget.Open(settings.Output, console);
        if (output is null) return ExitCodes.Usage;
        switch (settings.Format)
        {
            case "json": FindingJsonWriter.WriteArray(output.Stream, shown); break;
            case "jsonl": FindingJsonWriter.WriteLines(output.Stream, shown); break;
            default: WriteTable(output.Stream, shown); break;
        }
        if (!settings.Quiet)
            console.Error.WriteLine($"{shown.Count} lateral finding(s){(findings.Count > shown.Count ? $", {findings.Count - shown.Count} suppressed by the allowlist" : "")}");
        return ExitCodes.For(summary);
    }

    internal static void WriteTable(Stream stream, List<LateralFinding> findings)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), ColorSystem = ColorSystemSupport.NoColors, Ansi = AnsiSupport.No, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var table = new Table().AddColumns("start", "kind", "tool", "source", "target", "account", "confidence", "attack", "commands");
        foreach (var f in findings)
        {
            var source = string.Join(" ", new[] { f.SourceHost, f.SourceIp, f.SourcePid is { } p ? $"pid {p}" : null }.Where(s => s is not null));
            var commands = string.Join("; ", LateralAllowlist.Flatten(f.Commands).Select(c => c.CommandLine ?? c.Image).Take(4));
            table.AddRow(TerminalText.Escape(Events.SystemFields.FormatTime(f.Start)), f.Kind, TerminalText.Escape(f.Tool), TerminalText.Escape(source),
                TerminalText.Escape(f.TargetHost ?? ""), TerminalText.Escape(f.Account ?? ""), f.Confidence + (f.SuppressedBy is { } s ? $" (allowlisted: {s})" : ""),
                string.Join(" ", f.Attack), TerminalText.Escape(commands));
        }
        console.Write(table);
        foreach (var f in findings.Where(f => f.SourceProcess.Count > 0))
            writer.WriteLine($"{f.TargetHost}: source chain on {f.SourceHost}: {string.Join(" -> ", f.SourceProcess.Reverse().Select(s => s.Image.Split('\\')[^1] + (s == f.SourceProcess[0] ? $" `{s.CommandLine}`" : "")))}");
    }
}
