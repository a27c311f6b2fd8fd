namespace Huntsman.Attack;

/// <summary>
/// Checks a rule's <c>attack.*</c> tags against the ATT&amp;CK table: unknown techniques, revoked ones
/// (with the successor to use), deprecated ones, unknown tactics and tag names, and upper case.
/// Tags of other namespaces (cve., detection., car.) are not looked at.
/// </summary>
public static class AttackTagValidator
{
    public static IReadOnlyList<AttackTagProblem> Validate(IEnumerable<string> tags, AttackCatalog? catalog = null)
    {
        catalog ??= AttackCatalog.Default;
        List<AttackTagProblem>? problems = null;
        foreach (var tag in tags)
        {
            if (!AttackTag.TryParse(tag, out var parsed, catalog)) continue;
            var problem = Check(parsed, catalog);
            if (problem is not null) (problems ??= []).Add(problem);
        }
        return problems ?? (IReadOnlyList<AttackTagProblem>)[];
    }

    private static AttackTagProblem? Check(AttackTag tag, AttackCatalog catalog)
    {
        if (tag.Tag.Any(char.IsUpper)) return new AttackTagProblem(tag.Tag, "Sigma tags must be lower case", tag.Tag.ToLowerInvariant());
        switch (tag.Kind)
        {
            case AttackTagKind.Technique:
                if (!catalog.TryGetTechnique(tag.Id, out var technique))
                    return new AttackTagProblem(tag.Tag, $"unknown ATT&CK technique {tag.Id} (not in {catalog.Version})");
                if (technique.IsRevoked)
                {
                    var current = catalog.Current(tag.Id);
                    return current is null
                        ? new AttackTagProblem(tag.Tag, $"{tag.Id} ({technique.Name}) is revoked")
                        : new AttackTagProblem(tag.Tag, $"{tag.Id} ({technique.Name}) is revoked by {current.Id} ({current.Name})",
                            "attack." + current.Id.ToLowerInvariant());
                }
                if (technique.IsDeprecated)
                    return new AttackTagProblem(tag.Tag, $"{tag.Id} ({technique.Name}) is deprecated");
                return null;
            case AttackTagKind.Tactic:
                return catalog.TryGetTactic(tag.Id, out _) ? null : new AttackTagProblem(tag.Tag, $"unknown ATT&CK tactic {tag.Id}");
            case AttackTagKind.Group:
            case AttackTagKind.Software:
                return null; // the table holds techniques and tactics only; the ID's shape was checked by the parser
            default:
                return new AttackTagProblem(tag.Tag, $"unknown ATT&CK tactic or tag '{tag.Id}'");
        }
    }
}
