using System.ComponentModel;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>The options of every command that reads evidence: the paths, the worker threads, and quiet.</summary>
internal class EvidenceSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("EVTX/JSON/XML files or directories (recursed; .gz read transparently)")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--threads <N>")]
    [Description("Worker threads (0 = all cores)")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("No progress bar and no summary (problems with the input are still printed)")]
    public bool Quiet { get; init; }
}
