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
    config.AddBranch("rules", rules => rules.AddCommand<RulesCheckCommand>("check").WithDescription("Load Sigma rules and report each one's status with reasons."));
    config.AddCommand<ReportCommand>("report").WithDescription("Read evidence and write a self-contained HTML report.");
});
return await app.RunAsync(args);
