using Xunit;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Tests.Rules;

/// <summary>
/// The encoded-PowerShell rule's flag list, checked against every spelling PowerShell accepts and the
/// parameters it must not confuse them with, using Sigma's windash expansion (- / – — ―) and
/// case-insensitive contains. The engine-level tests run the same cases through the Sigma matcher.
/// </summary>
public class EncodedPowerShellFlagListTests
{
    private static readonly char[] Dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];

    public static TheoryData<string> EncodedSpellings()
    {
        var data = new TheoryData<string>();
        const string full = "encodedcommand";
        for (int n = 1; n <= full.Length; n++) data.Add($"-{full[..n]}");
        data.Add("-ec");
        data.Add("-EncodedCommand");
        data.Add("-eNcOdEdCoMmAnD");
        data.Add("/enc");
        data.Add("\u2013enc");
        data.Add("\u2014e");
        data.Add("\u2015EC");
        return data;
    }

    [Theory]
    [MemberData(nameof(EncodedSpellings))]
    public void Every_spelling_of_the_flag_is_listed(string flag) =>
        Assert.True(FlagListMatches($"powershell.exe -nop {flag} SQBFAFgAIAA="), flag);

    [Theory]
    [InlineData("powershell.exe -Encoding utf8 -File x.ps1")]
    [InlineData("powershell.exe -ep bypass -File x.ps1")]
    [InlineData("powershell.exe -ExecutionPolicy Bypass -File x.ps1")]
    [InlineData("pwsh -e")]                                   // no argument: not a command
    [InlineData("powershell.exe -Command Get-Date -Exclude e")]
    public void Other_parameters_are_not_listed(string commandLine) =>
        Assert.False(FlagListMatches(commandLine), commandLine);

    private static bool FlagListMatches(string commandLine)
    {
        var detection = (YamlMappingNode)BuiltinRuleFiles.ByFile("proc_creation_win_powershell_encoded_command.yml").Child("detection")!;
        var flags = ((YamlMappingNode)detection.Child("selection_flag")!).Strings("CommandLine|windash|contains");
        Assert.NotEmpty(flags);
        foreach (var flag in flags)
            foreach (var dash in Dashes)
            {
                var expanded = flag.StartsWith(" -", StringComparison.Ordinal) ? " " + dash + flag[2..] : flag;
                if (commandLine.Contains(expanded, StringComparison.OrdinalIgnoreCase)) return true;
            }
        return false;
    }
}
