using System.ComponentModel;
using Huntsman.Cli.Infrastructure;
using Huntsman.Query;
using Huntsman.Query.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>huntsman query 'QUERY' [PATH... | --case case.duckdb]: KQL, SPL or SQL over a case or over evidence.</summary>
internal sealed class QueryCommand : Command<QueryCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<QUERY>")]
        [Description("KQL (DeviceProcessEvents | where …), SPL (index=sysmon … | stats …) or SQL (--lang sql)")]
        public string Query { get; init; } = "";

        [CommandArgument(1, "[PATH]")]
        [Description("Evidence to ingest into an in-memory case first (instead of --case)")]
        public string[] Paths { get; init; } = [];

        [CommandOption("-c|--case <CASE>")]
        [Description("A case file made by 'huntsman ingest'")]
        public string? Case { get; init; }

        [CommandOption("-l|--lang <LANG>")]
        [Description("kql, spl or sql (default: detected)")]
        public string Lang { get; init; } = "auto";

        [CommandOption("-f|--format <FORMAT>")]
        [Description("table, csv or json (JSON lines)")]
        public string Format { get; init; } = "table";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write results to a file instead of stdout")]
        public string? Output { get; init; }

        [CommandOption("--show-sql")]
        [Description("Print the translated DuckDB SQL on stderr")]
        public bool ShowSql { get; init; }

        [CommandOption("-q|--quiet")]
        [Description("No progress on stderr")]
        public bool Quiet { get; init; }

        public override ValidationResult Validate()
        {
            if (Case is null && Paths.Length == 0) return ValidationResult.Error("give evidence PATHs or --case <CASE>");
            if (Case is not null && Paths.Length > 0) return ValidationResult.Error("give either PATHs or --case, not both");
            if (Lang is not ("auto" or "kql" or "spl" or "sql")) return ValidationResult.Error("--lang must be kql, spl or sql");
            if (Format is not ("table" or "csv" or "json")) return ValidationResult.Error("--format must be table, csv or json");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (settings.Case is not null && !File.Exists(settings.Case))
        {
            stderr.WriteLine($"error: no such case file: {settings.Case}");
            return 2;
        }
        using var store = CaseStore.Open(settings.Case);
        if (settings.Case is null) IngestCommand.IngestWithProgress(store, settings.Paths, 0, settings.Quiet, stderr, cancellationToken);
        var language = settings.Lang switch { "kql" => QueryLanguage.Kql, "spl" => QueryLanguage.Spl, "sql" => QueryLanguage.Sql, _ => QueryLanguage.Auto };
        QueryResult result;
        try
        {
            if (settings.ShowSql) stderr.WriteLine(HuntQuery.ToSql(store, settings.Query, language));
            result = HuntQuery.Run(store, settings.Query, language, cancellationToken);
        }
        catch (QueryException ex)
        {
            stderr.Write(ex.Render());
            return 1;
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
        }
        Write(result, settings);
        return 0;
    }

    private static void Write(QueryResult result, Settings settings)
    {
        using var file = settings.Output is null ? null : File.Create(settings.Output);
        var stream = file ?? Console.OpenStandardOutput();
        switch (settings.Format)
        {
            case "json":
                QueryResultWriter.WriteJson(stream, result);
                stream.Flush();
                break;
            case "csv":
            {
                using var writer = new StreamWriter(stream, leaveOpen: file is null);
                QueryResultWriter.WriteCsv(writer, result);
                break;
            }
            default:
            {
                using var writer = new StreamWriter(stream, leaveOpen: file is null);
                var table = new PlainTable(result.Columns.ToArray());
                foreach (var row in result.Rows) table.AddRow(row.Select(v => QueryValueFormat.Format(v)).ToArray());
                table.Write(writer);
                writer.WriteLine($"{result.Rows.Count} row(s)");
                break;
            }
        }
    }
}
