using System.ComponentModel;
using Huntsman.Cli.Infrastructure;
using Huntsman.Readers;
using Huntsman.Report.Dump;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>`huntsman dump PATH...`: every event of every input, in input order, as JSONL, XML or CSV.</summary>
internal sealed class DumpCommand : Command<DumpCommand.Settings>
{
    public sealed class Settings : EvidenceSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("Output format: jsonl (default), xml or csv")]
        [DefaultValue("jsonl")]
        public string Format { get; init; } = "jsonl";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write to FILE instead of stdout")]
        public string? Output { get; init; }

        [CommandOption("--recover")]
        [Description("Carve records from EVTX slack space (marked recovered)")]
        public bool Recover { get; init; }

        [CommandOption("--validate-checksums")]
        [Description("Skip EVTX chunks whose CRC32 does not match")]
        public bool ValidateChecksums { get; init; }

        [CommandOption("--input-format <FORMAT>")]
        [Description("auto (default), evtx, json or xml")]
        [DefaultValue("auto")]
        public string InputFormat { get; init; } = "auto";

        public override ValidationResult Validate()
        {
            if (!Enum.TryParse<DumpFormat>(Format, ignoreCase: true, out _)) return ValidationResult.Error($"unknown --format '{Format}' (jsonl, xml, csv)");
            if (!Enum.TryParse<Readers.InputFormat>(InputFormat, ignoreCase: true, out _))
                return ValidationResult.Error($"unknown --input-format '{InputFormat}' (auto, evtx, json, xml)");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or more");
            return Paths.Length == 0 ? ValidationResult.Error("give at least one PATH") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var console = CliConsole.FromEnvironment();
        return ExitCodes.RejectUnknownArguments(context, console.Error) ? ExitCodes.Usage : Run(settings, console, cancellationToken);
    }

    internal static int Run(Settings settings, CliConsole console, CancellationToken cancel = default)
    {
        var format = Enum.Parse<DumpFormat>(settings.Format, ignoreCase: true);
        var options = new ReaderOptions
        {
            Format = Enum.Parse<Readers.InputFormat>(settings.InputFormat, ignoreCase: true),
            Recover = settings.Recover,
            ValidateChecksums = settings.ValidateChecksums,
            KeepDocument = true,
            Threads = settings.Threads,
        };
        using var output = OutputTarget.Open(settings.Output, console);
        if (output is null) return ExitCodes.Usage;
        using var writer = EventWriters.Create(format, output.Stream);
        var summary = EvidenceRunner.Run(settings.Paths, options, console, settings.Quiet, batch => batch, batch =>
        {
            foreach (var e in batch.Events) writer.Write(e);
        }, cancel);
        writer.Complete();
        return ExitCodes.For(summary);
    }
}
