using Huntsman.Evtx;
using Huntsman.Readers;
using Xunit;
using Xunit.Abstractions;
namespace Huntsman.Tests.Evtx;
public sealed class ScratchTests(ITestOutputHelper o)
{
    [Fact]
    public void Dump()
    {
        var path = Environment.GetEnvironmentVariable("SCRATCH_FILE")!;
        long want = long.Parse(Environment.GetEnvironmentVariable("SCRATCH_ID") ?? "-1");
        var opts = new ReaderOptions { KeepDocument = true, Recover = Environment.GetEnvironmentVariable("SCRATCH_RECOVER") == "1" };
        foreach (var u in EvtxFormat.Units(EvtxSource.FromFile(path, path), opts, i => o.WriteLine(i.ToString())))
        {
            var b = u.Read();
            foreach (var i in b.Issues) o.WriteLine(i.ToString());
            foreach (var e in b.Events)
            {
                if (want >= 0 && e.RecordId != want && e.Origin.Offset != want) continue;
                o.WriteLine($"{e} prov={e.Provider} guid={e.ProviderGuid} kw={e.Keywords} lvl={e.Level} task={e.Task} op={e.Opcode} ver={e.Version} pid={e.ProcessId} tid={e.ThreadId} user={e.UserId} act={e.ActivityId} q={e.EventIdQualifiers} origin={e.Origin}");
                foreach (var f in e.Fields) o.WriteLine($"   {f.Name} = {f.Value}");
            }
        }
    }
}
