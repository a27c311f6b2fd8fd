using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("huntsman");
    config.SetExceptionHandler(ExitCodes.HandleException);
    config.AddCommand<HuntCommand>("hunt").WithDescription("Run Sigma rules (built-in pack plus --rules) over evidence and report detections.");
    config.AddCommand<LateralCommand>("lateral").WithDescription("Find PsExec-family lateral movement and link its source and target ends.");
    config.AddCommand<TreeCommand>("tree").WithDescription("Show process trees, or the ancestry and descendants of one process.");
    config.AddCommand<IngestCommand>("ingest").WithDescription("Load evidence into a DuckDB case file (incremental) for KQL/SPL/SQL hunting.");
    config.AddCommand<QueryCommand>("query").WithDescription("Run a KQL, SPL or SQL hunt on a case file or directly on evidence.");
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
    config.AddCommand<ReportCommand>("report").WithDescription("Read evidence and write a self-contained HTML report.");
});
return await app.RunAsync(args);
