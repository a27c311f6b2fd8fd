namespace Huntsman.Sigma.Detection;

/// <summary>One piece of a Sigma string: literal text, or a wildcard (<c>*</c> or <c>?</c>) when Wildcard is set.</summary>
internal readonly record struct SigmaPart(string Text, char Wildcard = '\0')
{
    public bool IsWildcard => Wildcard != '\0';
    public static readonly SigmaPart Star = new("", '*');
}
