using System.ComponentModel;
using Huntsman.Sigma;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>
/// <c>huntsman rules check DIR...</c>: loads every rule (plus the built-in ones) and prints each
/// document's status with the exact reason and file:line:col, then totals by status and reason.
/// </summary>
internal sealed class RulesCheckCommand : Command<RulesCheckCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[PATH]")]
        [Description("Rule files or directories (searched recursively for .yml/.yaml)")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--no-builtin")]
        [Description("Do not check the rules built into Huntsman")]
        public bool NoBuiltin { get; init; }

        [CommandOption("--placeholders <FILE>")]
        [Description("YAML map of placeholder name → value(s) for |expand")]
        public string? Placeholders { get; init; }

        [CommandOption("-q|--quiet")]
        [Description("Print only skipped documents and the totals")]
        public bool Quiet { get; init; }

        [CommandOption("--fail-on-skip")]
        [Description("Exit with 1 when any document was skipped")]
        public bool FailOnSkip { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new RuleLoadOptions { IncludeBuiltin = !settings.NoBuiltin };
        if (settings.Placeholders is not null) options = options with { Placeholders = RuleLoadOptions.ReadPlaceholders(settings.Placeholders) };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var set = RuleLoader.Load(settings.Paths, options);
        var elapsed = started.Elapsed;
        var output = Console.Out;
        foreach (var status in set.Statuses)
        {
            if (settings.Quiet && status.State == RuleLoadState.Ok) continue;
            var note = status.State == RuleLoadState.Ok && status.Reason is not null ? $"  ({status.Reason})" : "";
            output.WriteLine(status + note);
        }
        output.WriteLine();
        output.WriteLine($"{set.Statuses.Count} documents in {elapsed.TotalMilliseconds:F0} ms: {set.Rules.Count} detection rules, "
                         + $"{set.Correlations.Count} correlations, {set.Filters.Count} filters; "
                         + $"{set.Rules.Count(r => !r.HasTelemetry)} rules without matching telemetry");
        int tagProblems = 0;
        foreach (var (location, tags) in set.Rules.Select(r => ($"{r.File}:{r.Line}", r.Tags))
                     .Concat(set.Correlations.Select(c => (c.Location, c.Tags))))
            foreach (var problem in Attack.AttackTagValidator.Validate(tags))
            {
                tagProblems++;
                output.WriteLine($"attack-tag {location}: {problem}");
            }
        output.WriteLine($"{tagProblems} ATT&CK tag problems (unknown, revoked or deprecated IDs; unknown tactics)");
        foreach (var group in set.Statuses.GroupBy(s => (s.State, Reason: s.ReasonCategory ?? "")).OrderBy(g => g.Key.State).ThenByDescending(g => g.Count()))
            output.WriteLine($"  {group.Key.State.ToString().ToLowerInvariant(),-8} {group.Count(),6}  {(group.Key.Reason.Length == 0 ? "-" : group.Key.Reason)}");
        return settings.FailOnSkip && set.Skipped.Any() ? 1 : 0;
    }
}
