using Huntsman.Query;
using Xunit;

namespace Huntsman.Tests.Query;

/// <summary>Each KQL case against the synthetic case, compared with its LINQ answer.</summary>
public sealed class KqlQueryTests(SyntheticCase c) : IClassFixture<SyntheticCase>
{
    public static TheoryData<string> Names() => new(KqlCases.All.Select(k => k.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesLinq(string name) =>
        Expect.Matches(c.Store, c.Events, KqlCases.All.Single(k => k.Name == name), QueryLanguage.Kql);

    [Fact]
    public void SuiteIsLargeEnough() => Assert.True(KqlCases.All.Length >= 40, $"{KqlCases.All.Length} KQL cases");
}
