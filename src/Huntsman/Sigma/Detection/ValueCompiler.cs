namespace Huntsman.Sigma.Detection;

/// <summary>Turns a value that went through its modifier chain into the matcher that tests it.</summary>
internal static class ValueCompiler
{
    public static ValueMatcher Compile(SigmaValue v, FieldRegistry fields, RuleLoadOptions options, SigmaRuleCounter counter)
    {
        switch (v.Kind)
        {
            case SigmaValueKind.Text: return SigmaText.Compile(v.Parts, v.Cased);
            case SigmaValueKind.Regex: return new RegexMatcher(v.Raw, v.RegexFlags, options.RegexTimeout, counter);
            case SigmaValueKind.Bool: return new BoolMatcher(v.Bool);
            case SigmaValueKind.Null: return new NullMatcher();
            case SigmaValueKind.Exists: return new ExistsMatcher(v.Bool);
            case SigmaValueKind.Cidr: return new CidrMatcher(v.Cidr);
            case SigmaValueKind.FieldRef: return new FieldRefMatcher(fields.Get(v.Raw.Trim()), v.FieldRefMode, v.Cased);
            default:
                if (v.TimePart is { } part) return new TimePartMatcher(part, v.Compare ?? CompareOp.Eq, v.Number);
                if (v.Compare is { } op) return new CompareMatcher(op, v.Number);
                return new NumberMatcher(v.Number, v.Raw);
        }
    }
}
