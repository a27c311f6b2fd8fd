using Huntsman.Events;
using Huntsman.Sigma.Correlation;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Tests.Sigma.Correlation;

/// <summary>Builds correlation rules from YAML text and synthetic events at known times and places.</summary>
internal sealed class CorrelationKit
{
    public static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private long nextRecord;

    /// <summary>An event <paramref name="seconds"/> after <see cref="T0"/> with fields given as "Name=value".</summary>
    public WinEvent At(double seconds, params string[] fields) => AtTicks((long)(seconds * TimeSpan.TicksPerSecond), fields);

    public WinEvent AtTicks(long ticks, params string[] fields)
    {
        var e = new WinEvent
        {
            TimeCreated = T0.AddTicks(ticks),
            RecordId = ++nextRecord,
            Channel = "Security",
            Computer = "HOST1",
            Origin = new EventOrigin("evidence.evtx", 0, nextRecord * 100),
        };
        foreach (var field in fields)
        {
            int eq = field.IndexOf('=');
            e.Add(field[..eq], field[(eq + 1)..]);
        }
        return e;
    }

    public static YamlMappingNode Document(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static CorrelationRule Rule(string yaml, string file = "mr_test.yml")
    {
        bool ok = CorrelationRule.TryParse(Document(yaml), file, out var rule, out var error);
        Assert.True(ok, error);
        Assert.Null(error);
        return rule!;
    }

    public static string Error(string yaml, string file = "mr_test.yml")
    {
        Assert.False(CorrelationRule.TryParse(Document(yaml), file, out var rule, out var error));
        Assert.Null(rule);
        return error!;
    }

    public static CorrelationEngine Engine(params string[] yamls) => new(yamls.Select(y => Rule(y)).ToList());

    /// <summary>Feeds detections (rule name, event) as hunt would: the id is derived from the name.</summary>
    public static IReadOnlyList<CorrelationMatch> Run(CorrelationEngine engine, IEnumerable<(string Rule, WinEvent Event)> detections)
    {
        foreach (var (rule, e) in detections) engine.Observe(rule + "-id", rule, e);
        return engine.Finish();
    }

    /// <summary>A stable text form of matches for comparing runs.</summary>
    public static string Describe(IEnumerable<CorrelationMatch> matches) => string.Join("\n", matches.Select(m =>
        $"{m.Rule.Title}|{m.Start:O}|{m.End:O}|{string.Join(",", m.Group.Select(g => g.Key + "=" + g.Value))}|{m.Value}|" +
        string.Join(",", m.Events.Select(e => e.RecordId))));
}
