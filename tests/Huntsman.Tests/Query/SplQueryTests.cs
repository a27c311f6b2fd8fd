using Huntsman.Query;
using Xunit;

namespace Huntsman.Tests.Query;

/// <summary>Each SPL case against the synthetic case, compared with its LINQ answer.</summary>
public sealed class SplQueryTests(SyntheticCase c) : IClassFixture<SyntheticCase>
{
    public static TheoryData<string> Names() => new(SplCases.All.Select(k => k.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesLinq(string name) =>
        Expect.Matches(c.Store, c.Events, SplCases.All.Single(k => k.Name == name), QueryLanguage.Spl);

    [Fact]
    public void SuiteIsLargeEnough() => Assert.True(SplCases.All.Length >= 20, $"{SplCases.All.Length} SPL cases");
}
