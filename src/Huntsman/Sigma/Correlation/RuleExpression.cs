namespace Huntsman.Sigma.Correlation;

/// <summary>
/// A temporal correlation's string condition: a boolean expression over the referenced rules, e.g.
/// <c>recon_a and (recon_b or recon_c) and not cleanup</c> (spec 2.1 schema samples, pySigma's
/// extended condition). A rule reference is true when the window holds a detection of it.
/// Keywords are case-insensitive; precedence is not &gt; and &gt; or.
/// </summary>
public sealed class RuleExpression
{
    private abstract record Node;
    private sealed record Reference(int Index) : Node;
    private sealed record Not(Node Operand) : Node;
    private sealed record And(Node Left, Node Right) : Node;
    private sealed record Or(Node Left, Node Right) : Node;

    private const int MaxDepth = 64;
    private readonly Node root;

    private RuleExpression(string text, Node root, List<string> references, bool negates)
    {
        Text = text;
        this.root = root;
        References = references;
        HasNegation = negates;
    }

    public string Text { get; }
    /// <summary>The rules named in the expression, in order of first appearance.</summary>
    public IReadOnlyList<string> References { get; }
    /// <summary>A <c>not</c> makes the expression judgeable only once a window can no longer grow.</summary>
    public bool HasNegation { get; }

    /// <summary>True when the expression is just every rule joined by <c>and</c>.</summary>
    public bool IsPlainConjunction => IsConjunction(root);

    /// <summary>Evaluates with <paramref name="present"/>[i] telling whether <see cref="References"/>[i] has a detection in the window.</summary>
    public bool Evaluate(ReadOnlySpan<bool> present) => Evaluate(root, present);

    public override string ToString() => Text;

    public static bool TryParse(string text, out RuleExpression? expression, out string problem)
    {
        expression = null;
        var tokens = Detection.ConditionParser.Tokenize(text);
        int pos = 0;
        var references = new List<string>();
        bool negates = false;
        string error = "";
        Node? root = ParseOr(0);
        if (root is not null && pos < tokens.Count) error = $"unexpected '{tokens[pos]}' in condition '{text}'";
        problem = error;
        if (error.Length > 0 || root is null) return false;
        expression = new RuleExpression(text, root, references, negates);
        return true;

        Node? ParseOr(int depth)
        {
            var left = ParseAnd(depth);
            while (left is not null && Peek("or")) { pos++; var right = ParseAnd(depth); left = right is null ? null : new Or(left, right); }
            return left;
        }

        Node? ParseAnd(int depth)
        {
            var left = ParseUnary(depth);
            while (left is not null && Peek("and")) { pos++; var right = ParseUnary(depth); left = right is null ? null : new And(left, right); }
            return left;
        }

        Node? ParseUnary(int depth)
        {
            if (depth > MaxDepth) return Fail($"condition '{text}' is nested deeper than {MaxDepth} levels");
            if (pos >= tokens.Count) return Fail($"condition '{text}' ends where a rule name was expected");
            var token = tokens[pos++];
            if (token.Equals("not", StringComparison.OrdinalIgnoreCase))
            {
                negates = true;
                var operand = ParseUnary(depth + 1);
                return operand is null ? null : new Not(operand);
            }
            if (token == "(")
            {
                var inner = ParseOr(depth + 1);
                if (inner is null) return null;
                if (pos >= tokens.Count || tokens[pos] != ")") return Fail($"condition '{text}' misses a ')'");
                pos++;
                return inner;
            }
            if (token is ")" || IsKeyword(token)) return Fail($"unexpected '{token}' in condition '{text}' where a rule name was expected");
            int index = references.FindIndex(r => r.Equals(token, StringComparison.OrdinalIgnoreCase));
            if (index < 0) { index = references.Count; references.Add(token); }
            return new Reference(index);
        }

        bool Peek(string keyword) => pos < tokens.Count && tokens[pos].Equals(keyword, StringComparison.OrdinalIgnoreCase);

        Node? Fail(string message)
        {
            if (error.Length == 0) error = message;
            return null;
        }
    }

    private static bool IsKeyword(string token) =>
        token.Equals("and", StringComparison.OrdinalIgnoreCase) || token.Equals("or", StringComparison.OrdinalIgnoreCase) ||
        token.Equals("not", StringComparison.OrdinalIgnoreCase);

    private static bool Evaluate(Node node, ReadOnlySpan<bool> present) => node switch
    {
        Reference r => present[r.Index],
        Not n => !Evaluate(n.Operand, present),
        And a => Evaluate(a.Left, present) && Evaluate(a.Right, present),
        Or o => Evaluate(o.Left, present) || Evaluate(o.Right, present),
        _ => false,
    };

    private static bool IsConjunction(Node node) => node switch
    {
        Reference => true,
        And a => IsConjunction(a.Left) && IsConjunction(a.Right),
        _ => false,
    };
}
