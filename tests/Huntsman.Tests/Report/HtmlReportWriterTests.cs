using System.Text.RegularExpressions;
using Huntsman.Report.Html;
using Xunit;
using Xunit.Abstractions;

namespace Huntsman.Tests.Report;

public class HtmlReportWriterTests(ITestOutputHelper output)
{
    private static string Render(ReportModel model)
    {
        var writer = new StringWriter();
        HtmlReportWriter.Write(model, writer);
        return writer.ToString();
    }

    [Fact]
    public void Hostile_text_in_every_field_is_escaped()
    {
        var html = Render(ReportSamples.PsExecStory(hostile: true));

        Assert.Single(Regex.Matches(html, "<script", RegexOptions.IgnoreCase)); // ours only, at the end
        Assert.Single(Regex.Matches(html, "<style", RegexOptions.IgnoreCase));
        Assert.Single(Regex.Matches(html, "</style", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<textarea", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", html);
        Assert.DoesNotContain("]]>", html);
        Assert.DoesNotContain("\u202E", html);
        Assert.Contains("⟨U+202E⟩", html);
        AssertOnlyWellFormedTagsWithoutHandlers(html);
        // Every hostile string was written, escaped, many times (it reached every field).
        Assert.True(Regex.Matches(html, Regex.Escape("&lt;script&gt;document.documentElement.setAttribute(&#39;data-xss&#39;,&#39;script&#39;)")).Count >= 10);
        Assert.Contains("&quot;onerror=alert(1) x=&quot;", html);
        Assert.Contains("&lt;/style&gt;", html);
    }

    /// <summary>
    /// Outside our own script, every '&lt;' must open a well-formed tag whose attribute values are quoted,
    /// and no attribute may be an event handler: data can then only ever be text.
    /// </summary>
    private static void AssertOnlyWellFormedTagsWithoutHandlers(string html)
    {
        var body = Regex.Replace(html, "<script>.*?</script>", "<script></script>", RegexOptions.Singleline);
        var tag = new Regex(@"\G<(?:!DOCTYPE html|/[a-z][a-z0-9]*|([a-z][a-z0-9]*)((?:\s+[a-z][\w:-]*(?:=""[^""<>]*"")?)*)\s*/?)>", RegexOptions.IgnoreCase);
        var attribute = new Regex(@"\s([a-z][\w:-]*)(?:=""([^""]*)"")?", RegexOptions.IgnoreCase);
        for (int i = body.IndexOf('<'); i >= 0; i = body.IndexOf('<', i + 1))
        {
            var m = tag.Match(body, i);
            Assert.True(m.Success, $"stray markup at {i}: {body.Substring(i, Math.Min(80, body.Length - i))}");
            foreach (Match a in attribute.Matches(m.Groups[2].Value))
            {
                Assert.False(a.Groups[1].Value.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler attribute: {m.Value}");
                if (a.Groups[1].Value is "href" or "src")
                    Assert.True(a.Groups[2].Value.StartsWith('#') || a.Groups[2].Value.StartsWith("https://attack.mitre.org/"), $"link leaves the report: {m.Value}");
            }
        }
    }

    [Fact]
    public void Content_security_policy_allows_only_our_own_style_and_script()
    {
        var html = Render(ReportSamples.PsExecStory());
        var csp = Regex.Match(html, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("default-src 'none'", csp);
        Assert.Matches("script-src 'sha256-[A-Za-z0-9+/=]+'", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.DoesNotContain("http", html.Replace("https://attack.mitre.org", "").Replace("http-equiv", ""));
    }

    [Fact]
    public void Sections_hold_the_story()
    {
        var html = Render(ReportSamples.PsExecStory());
        foreach (var id in new[] { "summary", "timeline", "lateral", "trees", "attack", "telemetry" })
            Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Contains("PsExec ×1", html);                      // labelled graph edge SRV02 → WKS01
        Assert.Contains("(unknown source)", html);              // the wmiexec finding without a source
        Assert.Contains("T1569.002 ×3", html);                  // 2 detections + 1 lateral finding
        Assert.Contains("Remote Services: SMB/Windows Admin Shares", html);
        Assert.Contains("class=\"flagged\"", html);              // the critical child of PSEXESVC
        Assert.Contains("WINWORD.EXE", html);                   // ancestry of the encoded PowerShell
        Assert.Contains("5 detections, UTC", html);
        Assert.Equal(Render(ReportSamples.PsExecStory()), html); // deterministic
    }

    [Fact]
    public void Empty_model_renders_every_section_with_a_note()
    {
        var html = Render(new ReportModel());
        Assert.Contains("No detections.", html);
        Assert.Contains("No lateral movement found.", html);
        Assert.Contains("No telemetry recorded.", html);
        Assert.EndsWith("</html>\n", html);
    }

    [SkippableFact]
    public void Chromium_renders_the_sections_and_runs_no_script_from_the_data()
    {
        HeadlessChromium.Require();
        var dir = Directory.CreateTempSubdirectory("huntsman-report-test-").FullName;
        var hostileFile = Path.Combine(dir, "hostile.html");
        File.WriteAllText(hostileFile, Render(ReportSamples.PsExecStory(hostile: true)));

        var dom = HeadlessChromium.DumpDom(hostileFile);
        var htmlTag = Regex.Match(dom, "<html[^>]*>").Value;
        Assert.Contains("class=\"js\"", htmlTag);       // our hashed script ran under the CSP
        Assert.DoesNotContain("data-xss", htmlTag);     // none of the injected ones did
        foreach (var id in new[] { "summary", "timeline", "lateral", "trees", "attack", "telemetry" })
            Assert.Matches($"<section id=\"{id}\">\\s*<h2>", dom);
        Assert.Equal(2, Regex.Matches(dom, "<svg ").Count);
        Assert.DoesNotMatch(new Regex("<(img|iframe|textarea)", RegexOptions.IgnoreCase), dom);

        var readable = Path.Combine(dir, "psexec-story.html");
        File.WriteAllText(readable, Render(ReportSamples.PsExecStory()));
        var png = Path.Combine(dir, "psexec-story.png");
        HeadlessChromium.Screenshot(readable, png);
        output.WriteLine($"report: {readable}");
        output.WriteLine($"screenshot: {png}");
        Assert.True(new FileInfo(png).Length > 10_000);
    }
}
