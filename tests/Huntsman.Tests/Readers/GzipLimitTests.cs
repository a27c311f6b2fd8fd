using System.IO.Compression;
using Huntsman.Events;
using Huntsman.Readers;
using Xunit;

namespace Huntsman.Tests.Readers;

public class GzipLimitTests
{
    [Fact]
    public void A_gz_that_expands_past_the_limit_is_reported_and_skipped_while_a_small_one_reads()
    {
        var dir = Directory.CreateTempSubdirectory("huntsman-gz-test-").FullName;
        try
        {
            var bomb = Path.Combine(dir, "a-bomb.json.gz");
            using (var gz = new GZipStream(File.Create(bomb), CompressionLevel.SmallestSize))
                gz.Write(new byte[4 << 20]);
            var good = Path.Combine(dir, "b-good.json.gz");
            using (var gz = new GZipStream(File.Create(good), CompressionLevel.SmallestSize))
                gz.Write("{\"EventID\":1,\"Channel\":\"Security\",\"Hostname\":\"PC1\"}\n"u8);

            var issues = new List<ReadIssue>();
            var events = new List<WinEvent>();
            using (var reader = new EvidenceReader(new ReaderOptions { MaxDecompressedBytes = 1 << 20, Threads = 1 }, issues.Add))
                EvidencePipeline.Run(reader.Units([dir]), b => b, b => events.AddRange(b.Events), threads: 1);

            var issue = Assert.Single(issues, i => i.File == bomb);
            Assert.Contains("decompression bomb", issue.Reason);
            Assert.Single(events);
            Assert.Equal("PC1", events[0].Computer);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
