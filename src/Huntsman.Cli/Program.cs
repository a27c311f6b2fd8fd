using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("huntsman");
    config.SetExceptionHandler(ExitCodes.HandleException);
    config.AddCommand<DumpCommand>("dump").WithDescription("Read evidence and write every event as JSONL, XML or CSV.");
});
return await app.RunAsync(args);
