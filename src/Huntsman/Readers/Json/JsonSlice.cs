namespace Huntsman.Readers.Json;

/// <summary>A byte range [Start, End) of a JSON file that holds whole records; FirstLine is its 1-based line number.</summary>
internal readonly record struct JsonSlice(long Start, long End, long FirstLine);
