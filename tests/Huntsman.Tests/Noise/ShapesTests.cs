using Huntsman.Noise.Baseline;
using Xunit;

namespace Huntsman.Tests.Noise;

public class ShapesTests
{
    [Theory]
    [InlineData(@"C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule", @"c:\windows\system32\svchost.exe -k netsvcs -p -s schedule")]
    [InlineData(@"rundll32.exe {6F2C5C5D-1C2F-4F30-9A0B-0E1B2C3D4E5F} 1234", "rundll32.exe <guid> <num>")]
    [InlineData("taskhost.exe 6f2c5c5d-1c2f-4f30-9a0b-0e1b2c3d4e5f", "taskhost.exe <guid>")]
    [InlineData("conhost.exe 0xffffffff -ForceV1", "conhost.exe <hex> -forcev1")]
    [InlineData("certutil -hashfile a 3f2a9c0d11e4", "certutil -hashfile a <hex>")]
    [InlineData(@"C:\Users\jsmith\AppData\Local\Temp\setup_4821.exe /S", @"<tmp>\setup_<num>.exe /s")]
    [InlineData(@"C:\Windows\Temp\thor10-remote\thor64.exe", @"<tmp>\thor<num>-remote\thor<num>.exe")]
    [InlineData(@"C:\Users\alice\Desktop\a.exe", @"c:\users\<user>\desktop\a.exe")]
    [InlineData(@"C:\Users\Public\psexec.exe", @"c:\users\public\psexec.exe")]
    [InlineData(@"\PSEXESVC-FS03VULN-2124-stdin", @"\psexesvc-fs03vuln-<num>-stdin")]
    [InlineData("a    b\t\tc", "a b c")]
    [InlineData(@"C:\Windows\SysWOW64\x64\report1.docx", @"c:\windows\syswow64\x64\report<num>.docx")]
    [InlineData("", "")]
    public void Normalises_to_placeholders(string input, string shape) => Assert.Equal(shape, Shapes.Of(input));

    [Fact]
    public void Long_values_are_cut()
    {
        var shape = Shapes.Of(new string('a', 5000));
        Assert.Equal(Shapes.MaxLength + 1, shape.Length);
        Assert.EndsWith("…", shape);
    }

    [Theory]
    [InlineData(@"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE", "winword.exe")]
    [InlineData("System", "system")]
    [InlineData("\"C:\\a b\\c.exe\"", "c.exe")]
    [InlineData(null, "?")]
    [InlineData("", "?")]
    public void File_names_are_lower_cased_leaves(string? path, string name) => Assert.Equal(name, Shapes.FileName(path));
}
