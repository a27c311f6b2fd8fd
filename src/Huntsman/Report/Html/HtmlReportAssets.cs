using System.Security.Cryptography;
using System.Text;

namespace Huntsman.Report.Html;

/// <summary>
/// The report's only style sheet and script, inline, allowed by hash in a strict Content-Security-Policy
/// so that nothing else (injected script, event handlers, external loads) can run or load.
/// </summary>
internal static class HtmlReportAssets
{
    public const string Css = """
:root{--bg:#f6f7f9;--fg:#1f2937;--muted:#6b7280;--line:#d9dde3;--card:#fff;--accent:#1d4ed8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header{background:#111827;color:#f9fafb;padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;color:#cbd5e1}
nav a{color:#93c5fd;margin-right:14px;text-decoration:none}
main{padding:8px 28px 40px;max-width:1800px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:18px 0;padding:14px 18px}
h2{margin:0 0 10px;font-size:18px}
h3{margin:14px 0 6px;font-size:15px}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:130px}
.card b{display:block;font-size:20px}
.card span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef1f5;position:sticky;top:0}
.js th{cursor:pointer}
.js th[aria-sort=ascending]::after{content:" \25B2"}
.js th[aria-sort=descending]::after{content:" \25BC"}
td.num,th.num{text-align:right}
code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Consolas,monospace;font-size:12px;word-break:break-all;white-space:pre-wrap}
.muted{color:var(--muted)}
td.time{white-space:nowrap}
code.tid{white-space:nowrap;word-break:normal;display:inline-block}
.filter{display:none;margin:6px 0 8px;padding:5px 8px;width:320px;border:1px solid var(--line);border-radius:4px}
.js .filter{display:block}
.lvl{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px}
.lvl-informational{background:#6b7280}.lvl-low{background:#2563eb}.lvl-medium{background:#d97706}.lvl-high{background:#dc2626}.lvl-critical{background:#7f1d1d}
svg{max-width:100%;height:auto;display:block}
svg text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:#374151}
.bar-informational{fill:#9ca3af}.bar-low{fill:#3b82f6}.bar-medium{fill:#f59e0b}.bar-high{fill:#ef4444}.bar-critical{fill:#7f1d1d}
.axis{stroke:#9ca3af;stroke-width:1}
.edge{stroke:#dc2626;stroke-width:1.6;fill:none}
.arrow{fill:#dc2626}
.node{fill:#1d4ed8;stroke:#fff;stroke-width:2}
.node-ip{fill:#6b7280}
svg text.edge-label{fill:#991b1b;font-size:10px}
svg text.node-label{font-weight:600}
.tree ul{list-style:none;margin:0;padding-left:22px;border-left:1px dashed #cbd5e1}
.tree>ul{border-left:none;padding-left:0}
.tree li{margin:3px 0}
.proc{font-weight:600}
.flagged>.proc{color:#b91c1c}
.flagged>.proc::before{content:"\25B6 "}
.matrix{display:grid;grid-template-columns:repeat(14,minmax(86px,1fr));gap:4px;overflow-x:auto}
.tactic{font-weight:600;font-size:12px;overflow-wrap:anywhere;border-bottom:2px solid #111827;padding:2px 0 4px}
.tech{border-radius:4px;padding:4px 5px;margin-top:4px;font-size:11px;border:1px solid #fca5a5}
.tech b{display:block}
.heat1{background:#fee2e2}.heat2{background:#fecaca}.heat3{background:#fca5a5}.heat4{background:#f87171;color:#fff}.heat5{background:#dc2626;color:#fff}
.none{color:var(--muted);font-size:11px;margin-top:4px}
details{margin:6px 0}
summary{cursor:pointer}
footer{color:var(--muted);padding:0 28px 24px;font-size:12px}
""";

    public const string Script = """
(function () {
  document.documentElement.className = 'js';
  function key(row, i) {
    var c = row.cells[i];
    if (!c) return { t: '', n: NaN };
    var n = c.getAttribute('data-num');
    return { t: c.textContent, n: n === null ? NaN : parseFloat(n) };
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.addEventListener('click', function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        rows.sort(function (a, b) {
          var x = key(a, i), y = key(b, i);
          var r = (!isNaN(x.n) && !isNaN(y.n)) ? x.n - y.n : (x.t < y.t ? -1 : x.t > y.t ? 1 : 0);
          return r * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('input[data-filter]'), function (input) {
    var table = document.getElementById(input.getAttribute('data-filter'));
    if (!table || !table.tBodies.length) return;
    input.addEventListener('input', function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
""";

    /// <summary>Only our own style and script, by hash; no network, no forms, no plugins, no base URL.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src '{Hash(Css)}'; script-src '{Hash(Script)}'; img-src 'none'; font-src 'none'; " +
        "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
