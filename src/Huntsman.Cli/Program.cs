using Huntsman.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("huntsman");
    config.AddCommand<DumpCommand>("dump").WithDescription("Read evidence and write every event as JSONL, XML or CSV.");
    config.AddCommand<ReportCommand>("report").WithDescription("Read evidence and write a self-contained HTML report.");
});
return await app.RunAsync(args);
