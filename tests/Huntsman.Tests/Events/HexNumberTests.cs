using Huntsman.Events.Taxonomy;
using Xunit;

namespace Huntsman.Tests.Events;

public class HexNumberTests
{
    [Theory]
    [InlineData("0x3e7", "0x00000000000003e7")]
    [InlineData("0x3E7", "999")]
    [InlineData(" 0x10 ", "16")]
    [InlineData("0x8020000000000000", "0x8020000000000000")]
    public void Same_value_in_different_renderings_is_equal(string a, string b) => Assert.True(HexNumber.NumericallyEqual(a, b));

    [Theory]
    [InlineData("0x3e7", "0x3e8")]
    [InlineData("0x", "0")]
    [InlineData("abc", "abc")]
    [InlineData("-1", "0xffffffffffffffff")]
    [InlineData("0x1ffffffffffffffff", "0x1ffffffffffffffff")]
    public void Different_or_unparsable_values_are_not_equal(string a, string b) => Assert.False(HexNumber.NumericallyEqual(a, b));

    [Fact]
    public void IsHex_recognises_only_0x_numbers()
    {
        Assert.True(HexNumber.IsHex("0x00000000000003e7"));
        Assert.False(HexNumber.IsHex("3e7"));
        Assert.False(HexNumber.IsHex("0xzz"));
    }
}
