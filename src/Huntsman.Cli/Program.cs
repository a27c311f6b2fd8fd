using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("huntsman");
    config.SetExceptionHandler(ExitCodes.HandleException);
    config.AddCommand<HuntCommand>("hunt").WithDescription("Run Sigma rules (built-in pack plus --rules) over evidence and report detections.");
    config.AddCommand<DumpCommand>("dump").WithDescription("Read evidence and write every event as JSONL, XML or CSV.");
    config.AddCommand<StackCommand>("stack").WithDescription("Stack-count field tuples across hosts, least frequent first.");
    config.AddCommand<CoverageCommand>("coverage").WithDescription("Report per-host telemetry, record/time gaps, log clears and blind spots.");
    config.AddBranch("baseline", baseline =>
    {
        baseline.SetDescription("Learn what normal looks like, and find what departs from it.");
        baseline.AddCommand<BaselineCommand.Learn>("learn").WithDescription("Learn a baseline from known-good evidence.");
        baseline.AddCommand<BaselineCommand.Check>("check").WithDescription("List behaviour the baseline never saw (anomalies).");
    });
    config.AddBranch("rules", rules => rules.AddCommand<RulesCheckCommand>("check").WithDescription("Load Sigma rules and report each one's status with reasons."));
});
return await app.RunAsync(args);
