using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Huntsman.Noise;
using Huntsman.Noise.Baseline;
using Xunit;

namespace Huntsman.Tests.Noise;

/// <summary>The baseline commands end to end: files written, exit codes, nothing half-used.</summary>
public class NoiseCommandTests
{
    [SkippableFact]
    public void Baseline_learn_writes_the_same_bytes_as_the_library_and_check_refuses_a_bad_file()
    {
        var evidence = SharedData.Path_("evtx", "python-evtx");
        var dir = Directory.CreateTempSubdirectory("huntsman-baseline-");
        try
        {
            var output = Path.Combine(dir.FullName, "baseline.json");
            int code = new BaselineCommand.Learn().Execute(null!, new BaselineCommand.LearnSettings { Paths = [evidence], Output = output, Quiet = true }, default);
            Assert.Equal(ExitCodes.Ok, code);

            var learner = new BaselineLearner();
            EvidenceScan.Run([evidence], learner.Observe);
            using var expected = new MemoryStream();
            BaselineJson.Write(expected, learner.Build());
            Assert.Equal(expected.ToArray(), File.ReadAllBytes(output));
            Assert.False(File.Exists(output + ".tmp"));

            var bad = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(bad, "{ \"format\": \"huntsman-baseline\", \"version\": 1,\n  \"events\": oops }");
            var check = new BaselineCommand.CheckSettings { Paths = [evidence], Baseline = bad, Quiet = true };
            Assert.Equal(ExitCodes.Usage, new BaselineCommand.Check().Execute(null!, check, default));

            var badAllowlist = Path.Combine(dir.FullName, "allow.yml");
            File.WriteAllText(badAllowlist, "entries:\n  - id: x\n    reason: r\n    owner: o\n    match:\n      Image|bogus: y\n");
            var withAllowlist = new BaselineCommand.CheckSettings { Paths = [evidence], Baseline = output, Allowlists = [badAllowlist], Quiet = true };
            Assert.Equal(ExitCodes.Usage, new BaselineCommand.Check().Execute(null!, withAllowlist, default));
        }
        finally { dir.Delete(true); }
    }
}
