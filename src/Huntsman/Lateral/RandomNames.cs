namespace Huntsman.Lateral;

/// <summary>
/// Shape tests for the random names Metasploit and Impacket generate (service names, binaries).
/// A random mixed-case letter string flips case often; English CamelCase words rarely do more than twice.
/// </summary>
internal static class RandomNames
{
    public static bool IsLetters(ReadOnlySpan<char> s, int length)
    {
        if (s.Length != length) return false;
        foreach (var c in s) if (!char.IsAsciiLetter(c)) return false;
        return true;
    }

    /// <summary>Letters only, of the given length, with at least <paramref name="minCaseFlips"/> case changes.</summary>
    public static bool LooksRandom(ReadOnlySpan<char> s, int length, int minCaseFlips = 3)
    {
        if (!IsLetters(s, length)) return false;
        int flips = 0;
        for (int i = 1; i < s.Length; i++)
            if (char.IsUpper(s[i]) != char.IsUpper(s[i - 1])) flips++;
        return flips >= minCaseFlips;
    }

    /// <summary>A Metasploit-style client workstation name: 16 letters/digits, mixed case.</summary>
    public static bool LooksRandomWorkstation(string? name)
    {
        if (name is null || name.Length != 16) return false;
        int flips = 0;
        for (int i = 0; i < name.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(name[i])) return false;
            if (i > 0 && char.IsAsciiLetter(name[i]) && char.IsAsciiLetter(name[i - 1]) && char.IsUpper(name[i]) != char.IsUpper(name[i - 1])) flips++;
        }
        return flips >= 3;
    }
}
