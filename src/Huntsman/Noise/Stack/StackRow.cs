namespace Huntsman.Noise.Stack;

/// <summary>One distinct tuple of the stacked fields, with how often and on how many hosts it was seen.</summary>
public sealed record StackRow(IReadOnlyList<string> Values, long Count, IReadOnlyList<string> Hosts)
{
    public int HostCount => Hosts.Count;
}
