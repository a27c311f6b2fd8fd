using Huntsman.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("huntsman");
    config.AddCommand<IngestCommand>("ingest").WithDescription("Load evidence into a DuckDB case file (incremental) for KQL/SPL/SQL hunting.");
    config.AddCommand<QueryCommand>("query").WithDescription("Run a KQL, SPL or SQL hunt on a case file or directly on evidence.");
    config.AddCommand<DumpCommand>("dump").WithDescription("Read evidence and write every event as JSONL, XML or CSV.");
});
return await app.RunAsync(args);
