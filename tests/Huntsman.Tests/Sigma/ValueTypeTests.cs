using Huntsman.Events.Taxonomy;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

public class ValueTypeTests
{
    [Fact]
    public void NullMatchesAbsentOrEmptyField()
    {
        const string d = "selection:\n    Image: 'x'\nfilter:\n    ParentImage: null\ncondition: selection and not filter";
        Assert.False(Detect(d, ("Image", "x")));
        Assert.False(Detect(d, ("Image", "x"), ("ParentImage", "")));
        Assert.True(Detect(d, ("Image", "x"), ("ParentImage", "p")));
    }

    [Fact]
    public void EmptyListIsNull() => Assert.True(Detect("selection:\n    ParentImage: []\ncondition: selection", ("Image", "x")));

    [Fact]
    public void EmptyStringMatchesOnlyEmpty()
    {
        Assert.True(Detect("selection:\n    P: ''\ncondition: selection", ("P", "")));
        Assert.False(Detect("selection:\n    P: ''\ncondition: selection", ("Q", "")));
    }

    [Fact]
    public void NullWithoutFieldIsAnError() =>
        Assert.Contains("bound to a field", LoadFails(RuleYaml("keywords:\n    - null\ncondition: keywords")).Reason);

    [Theory]
    [InlineData("NewProcessId: 4688", "4688", true)]
    [InlineData("LogonType: 3", "3", true)]
    [InlineData("LogonType: 3", "03", true)]
    [InlineData("LogonType: 3", "4", false)]
    [InlineData("SubjectLogonId: '0x3e7'", "0x00000000000003e7", true)]
    [InlineData("SubjectLogonId: '0x3e7'", "0x3E7", true)]
    [InlineData("SubjectLogonId: '0x3e7'", "0x3e8", false)]
    [InlineData("ServiceType: '0x10'", "0x10", true)]
    [InlineData("ServiceType: '0x10'", "0x00000010", true)]
    [InlineData("ServiceType: '0x10'", "16", true)]
    [InlineData("ServiceType: 0x10", "0x00000010", true)]
    [InlineData("Version: 1.5", "1.5", true)]
    [InlineData("Enabled: true", "True", true)]
    [InlineData("Enabled: yes", "true", true)]
    [InlineData("Enabled: 'yes'", "yes", true)]
    [InlineData("Enabled: off", "false", true)]
    [InlineData("Code: 0755", "493", true)] // YAML 1.1 octal, as PyYAML reads it
    [InlineData("Code: '0755'", "0755", true)]
    public void NumbersHexAndYaml11Types(string item, string value, bool expected)
    {
        var field = item[..item.IndexOf(':')];
        Assert.Equal(expected, Detect($"selection:\n    {item}\ncondition: selection", (field, value)));
    }

    [Fact]
    public void KeywordsAreSubstringsOfAnyPayloadField()
    {
        const string d = "keywords:\n    - 'mimikatz'\n    - 'sekurlsa'\ncondition: keywords";
        Assert.True(Detect(d, ("A", "x"), ("B", "run MIMIKATZ.exe")));
        Assert.True(Detect(d, ("A", "sekurlsa::logonpasswords")));
        Assert.False(Detect(d, ("A", "benign")));
    }

    [Fact]
    public void KeywordListWithAllNeedsEveryKeyword()
    {
        const string d = "keywords:\n    '|all':\n        - 'OabVirtualDirectory'\n        - ' -ExternalUrl '\ncondition: keywords";
        Assert.True(Detect(d, ("A", "Set-OabVirtualDirectory"), ("B", "x -ExternalUrl y")));
        Assert.False(Detect(d, ("A", "Set-OabVirtualDirectory")));
    }

    [Fact]
    public void KeywordWithWildcards() =>
        Assert.True(Detect("keywords:\n    - 'net*user'\ncondition: keywords", ("A", "c:\\net.exe user /add")));

    [Fact]
    public void ListOfMapsIsOr()
    {
        const string d = "selection:\n    - Image|endswith: '\\a.exe'\n    - OriginalFileName: 'a.exe'\ncondition: selection";
        Assert.True(Detect(d, ("OriginalFileName", "A.EXE")));
        Assert.True(Detect(d, ("Image", "c:\\a.exe")));
        Assert.False(Detect(d, ("Image", "c:\\b.exe")));
    }

    [Fact]
    public void MapIsAnd()
    {
        const string d = "selection:\n    Image|endswith: '\\a.exe'\n    CommandLine|contains: 'x'\ncondition: selection";
        Assert.False(Detect(d, ("Image", "c:\\a.exe")));
        Assert.True(Detect(d, ("Image", "c:\\a.exe"), ("CommandLine", "-x")));
    }

    [Fact]
    public void SystemFieldsAreSearchable()
    {
        var set = Load(RuleYaml("selection:\n    EventID: 4104\n    Provider_Name: 'Test'\ncondition: selection", "product: windows\n    category: ps_script"));
        Assert.True(Matches(set, Event(Channels.PowerShell, 4104, ("ScriptBlockText", "x"))));
        Assert.False(Matches(set, Event(Channels.PowerShell, 4103, ("ScriptBlockText", "x"))));
    }
}
