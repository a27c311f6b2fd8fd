using System.Buffers.Binary;
using System.Diagnostics;
using Huntsman.Events;
using Huntsman.Evtx;
using Huntsman.Readers;
using Xunit;

namespace Huntsman.Tests.Evtx;

/// <summary>
/// Mutated corpus files (fixed seed): no exception may escape a chunk unit or the rendering of its events' values,
/// no input may take 2 s, and allocation per input stays bounded. Units are read directly (not through the pipeline's safety net).
/// </summary>
public sealed class EvtxFuzzTests
{
    private const int Mutations = 2400;

    private static readonly string[] Seeds =
    [
        "evtx/omerbenamram-evtx/samples/Application_no_crc32.evtx",
        "evtx/omerbenamram-evtx/samples/MSExchange_Management_wec.evtx",
        "evtx/omerbenamram-evtx/samples/Microsoft-Windows-HelloForBusiness%4Operational.evtx",
        "evtx/omerbenamram-evtx/samples/Microsoft-Windows-LanguagePackSetup%4Operational.evtx",
        "evtx/omerbenamram-evtx/samples/Security_short_selected.evtx",
        "evtx/hayabusa-evtx/samples/kernel_processor_power_complexdata.evtx",
        "evtx/hayabusa-sample-evtx/EVTX-to-MITRE-Attack/TA0001-Initial access/T1078-Valid accounts/ID1149-RDP success logins to multiple hosts.evtx",
        "evtx/DeepBlueCLI/evtx/new-user-security.evtx",
    ];

    [SkippableFact]
    public void MutatedFilesNeverThrowHangOrBlowMemory()
    {
        var root = SharedData.Require();
        var seeds = Seeds.Select(s => File.ReadAllBytes(Path.Combine(root, s))).ToList();
        seeds.Add(ThreeChunkImage(seeds));
        var random = new Random(20261128);
        // Alternate the fast path (field plans) with the tree walk + document + carving.
        ReaderOptions[] options = [new ReaderOptions(), new ReaderOptions { Recover = true, KeepDocument = true }];
        long worstTicks = 0, worstBytes = 0;
        string worst = "";
        for (int i = 0; i < Mutations; i++)
        {
            var seed = seeds[i % seeds.Count];
            var (image, mutation) = Mutate(seed, random);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            foreach (var unit in EvtxFormat.Units(EvtxSource.FromBytes($"fuzz-{i}.evtx", image), options[i % 2], _ => { }))
            {
                try { RenderAll(unit.Read()); }
                catch (Exception ex)
                {
                    Assert.Fail($"mutation {i} ({mutation}) of seed {i % seeds.Count}: {ex}");
                }
            }
            clock.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (clock.ElapsedTicks > worstTicks) (worstTicks, worst) = (clock.ElapsedTicks, mutation);
            worstBytes = Math.Max(worstBytes, allocated);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"mutation {i} ({mutation}) took {clock.Elapsed}");
            Assert.True(allocated < 256L << 20, $"mutation {i} ({mutation}) allocated {allocated >> 20} MB");
        }
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) < 512L << 20);
    }

    /// <summary>Values are rendered lazily, after the chunk is read: that must not throw on damaged input either.</summary>
    private static void RenderAll(EventBatch batch)
    {
        foreach (var e in batch.Events)
            foreach (var f in e.Fields)
                Assert.Equal(f.Value, f.Chars.ToString());
    }

    private static byte[] ThreeChunkImage(List<byte[]> seeds)
    {
        var image = new byte[4096 + 3 * 65536];
        seeds[0].AsSpan(0, 4096).CopyTo(image);
        for (int c = 0; c < 3; c++) seeds[c + 1].AsSpan(4096, 65536).CopyTo(image.AsSpan(4096 + c * 65536));
        return image;
    }

    private static (byte[] Image, string Mutation) Mutate(byte[] seed, Random random)
    {
        var image = (byte[])seed.Clone();
        int kind = random.Next(6);
        int count = 1 + random.Next(16);
        switch (kind)
        {
            case 0:
                for (int i = 0; i < count; i++)
                {
                    int at = Target(image, random);
                    image[at] ^= (byte)(1 << random.Next(8));
                }
                return (image, $"{count} bit flips");
            case 1:
                for (int i = 0; i < count; i++)
                {
                    int at = Target(image, random);
                    image[at] = random.Next(4) switch { 0 => 0x00, 1 => 0xff, 2 => (byte)random.Next(0x10), _ => (byte)random.Next(256) };
                }
                return (image, $"{count} byte overwrites");
            case 2:
                int length = random.Next(image.Length);
                return (image.AsSpan(0, length).ToArray(), $"truncated to {length}");
            case 3:
                int chunks = (image.Length - 4096) / 65536;
                if (chunks < 2) goto case 4;
                int a = random.Next(chunks), b = random.Next(chunks);
                image.AsSpan(4096 + a * 65536, 65536).CopyTo(image.AsSpan(4096 + b * 65536));
                return (image, $"chunk {a} copied over chunk {b}");
            case 4:
                // Offset fields pointed at themselves: any u32 that looks like a chunk offset (names, templates, free space).
                int done = 0;
                for (int tries = 0; tries < 4000 && done < count; tries++)
                {
                    int at = 4096 + random.Next(image.Length - 4100);
                    uint value = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(at));
                    if (value is < 512 or >= 65536) continue;
                    int self = (at - 4096) % 65536;
                    BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at), (uint)(random.Next(2) == 0 ? self : self - 4 - random.Next(64)));
                    done++;
                }
                return (image, $"{done} offsets pointed at themselves");
            default:
                int start = Target(image, random), span = Math.Min(1 + random.Next(512), image.Length - start);
                random.NextBytes(image.AsSpan(start, span));
                return (image, $"{span} random bytes at {start}");
        }
    }

    /// <summary>Mostly inside record data, sometimes in the headers.</summary>
    private static int Target(byte[] image, Random random) => random.Next(8) switch
    {
        0 => random.Next(Math.Min(image.Length, 4096)),
        1 => 4096 + random.Next(Math.Min(512, Math.Max(1, image.Length - 4096))) % Math.Max(1, image.Length - 4096),
        _ => random.Next(image.Length),
    };
}
