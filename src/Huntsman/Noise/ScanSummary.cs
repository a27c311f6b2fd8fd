using Huntsman.Events;

namespace Huntsman.Noise;

/// <summary>What a scan read, and the problems met on the way.</summary>
internal sealed record ScanSummary(int FilesSeen, int FilesOpened, long Events, IReadOnlyList<ReadIssue> Issues);
