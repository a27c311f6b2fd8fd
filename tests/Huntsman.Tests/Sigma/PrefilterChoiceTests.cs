using Huntsman.Events;
using Huntsman.Sigma.Detection;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

/// <summary>An AND prefilters on its most selective literals: a literal inside text most events hold loses to a rarer one.</summary>
public class PrefilterChoiceTests
{
    private static List<string> Chosen(string detection) =>
        Load(RuleYaml(detection)).Rules.Single().Condition.RequiredLiterals()!.Select(l => $"{l.Field!.Field.Name}:{l.Text}").ToList();

    [Fact]
    public void CommonPathFragmentsLoseToRarerLiterals()
    {
        // '\Windows\' is longer than '\..\..\' but occurs in nearly every image path.
        Assert.Equal(["CommandLine:\\..\\..\\"], Chosen("s:\n    Image|contains: '\\Windows\\'\n    CommandLine|contains: '\\..\\..\\'\ncondition: s"));
        Assert.Equal(["Image:\\csi.exe"], Chosen("s:\n    Image|endswith: '\\csi.exe'\n    Company: 'Microsoft Corporation'\ncondition: s"));
    }

    [Fact]
    public void AmongCommonLiteralsTheLongerWins()
    {
        Assert.Equal(["Image:\\explorer.exe"], Chosen("s:\n    ParentImage|endswith: '\\cmd.exe'\n    Image|endswith: '\\explorer.exe'\ncondition: s"));
    }

    [Fact]
    public void OtherwiseTheLongerLiteralWins()
    {
        Assert.Equal(["User:ANONYMOUS"], Chosen("s:\n    ParentImage|contains: '\\AppData\\'\n    User|contains: 'ANONYMOUS'\ncondition: s"));
        Assert.True(Detect("s:\n    Image|contains: '\\Windows\\'\n    CommandLine|contains: '\\..\\..\\'\ncondition: s",
            ("Image", @"C:\Windows\System32\cmd.exe"), ("CommandLine", @"cmd /c C:\x\..\..\Windows\notepad.exe")));
    }

    private const string LogonOrValidation = "logon:\n    EventID: 4624\n    AuthenticationPackageName: 'NTLM'\n" +
        "validation:\n    EventID: 4776\n    Status: 0\ncondition: logon or validation";

    [Fact]
    public void AnOrBranchThatNeedsAnotherEventIdBringsNoLiterals()
    {
        // 4624 events can only satisfy the first branch; a bucket that also sees 4776 events cannot use its literal.
        var condition = Load(RuleYaml(LogonOrValidation, "product: windows\n    service: security")).Rules.Single().Condition;
        Assert.Equal(["AuthenticationPackageName:NTLM"], condition.RequiredLiterals(new HashSet<int> { 4624 })!.Select(l => $"{l.Field!.Field.Name}:{l.Text}"));
        Assert.Null(condition.RequiredLiterals(new HashSet<int> { 4624, 4776 }));
        Assert.Null(condition.RequiredLiterals());
        Assert.Null(condition.RequiredLiterals(new HashSet<int> { 4625 }));
    }

    [Fact]
    public void RulesGatedForOneEventIdStillMatchTheOthers()
    {
        var set = Load(RuleYaml(LogonOrValidation, "product: windows\n    service: security"));
        WinEvent Security(int id, params (string, string)[] fields) => Event("Security", id, fields);
        Assert.True(Matches(set, Security(4624, ("AuthenticationPackageName", "NTLM"))));
        Assert.False(Matches(set, Security(4624, ("AuthenticationPackageName", "Kerberos"))));
        Assert.True(Matches(set, Security(4776, ("Status", "0"))));
        Assert.False(Matches(set, Security(4776, ("Status", "0xc000006a"))));
    }
}
