using System.ComponentModel;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

internal sealed class DumpCommand : Command<DumpCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("EVTX/JSON/XML files or directories")]
        public string[] Paths { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => 0;
}
