using System.Text;

namespace Huntsman.Events.Taxonomy;

/// <summary>
/// The %%NNNN parameter-message tokens Security events store instead of text (msobjs.dll / adtschema names),
/// for the tokens met in real logs: access rights (standard, file, key, process, directory service), impersonation
/// levels, yes/no, token elevation, logon failure reasons, user account control flags, WFP direction/layer,
/// key file operations, audit policy categories and changes. Unknown tokens are left as they are.
/// </summary>
public static class MessageTokens
{
    private static readonly Dictionary<int, string> Names = Build();

    /// <summary>
    /// Replaces every known %%NNNN in <paramref name="raw"/> with its name and collapses whitespace
    /// ("%%1538\r\n\t%%1541" → "READ_CONTROL SYNCHRONIZE"). Returns null when no token is known.
    /// </summary>
    public static string? Decode(string raw)
    {
        var text = raw.AsSpan();
        var sb = new StringBuilder(raw.Length + 32);
        bool any = false, pendingSpace = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { pendingSpace = sb.Length > 0; i++; continue; }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            if (c == '%' && i + 2 < text.Length && text[i + 1] == '%' && char.IsAsciiDigit(text[i + 2]))
            {
                int end = i + 2;
                while (end < text.Length && char.IsAsciiDigit(text[end]) && end - i < 9) end++;
                if (int.TryParse(text[(i + 2)..end], out int token) && Names.TryGetValue(token, out var name))
                {
                    sb.Append(name);
                    any = true;
                    i = end;
                    continue;
                }
            }
            sb.Append(c);
            i++;
        }
        return any ? sb.ToString() : null;
    }

    private static Dictionary<int, string> Build()
    {
        var d = new Dictionary<int, string>
        {
            // Standard access rights.
            [1537] = "DELETE", [1538] = "READ_CONTROL", [1539] = "WRITE_DAC", [1540] = "WRITE_OWNER",
            [1541] = "SYNCHRONIZE", [1542] = "ACCESS_SYS_SEC", [1543] = "MAX_ALLOWED",
            // File / directory / pipe access.
            [4416] = "ReadData (or ListDirectory)", [4417] = "WriteData (or AddFile)",
            [4418] = "AppendData (or AddSubdirectory or CreatePipeInstance)", [4419] = "ReadEA", [4420] = "WriteEA",
            [4421] = "Execute/Traverse", [4422] = "DeleteChild", [4423] = "ReadAttributes", [4424] = "WriteAttributes",
            // Registry key access.
            [4432] = "Query key value", [4433] = "Set key value", [4434] = "Create sub-key", [4435] = "Enumerate sub-keys",
            [4436] = "Notify about changes to keys", [4437] = "Create Link",
            // Process access.
            [4480] = "Force process termination", [4481] = "Create new thread in process", [4482] = "Set process session ID",
            [4483] = "Perform virtual memory operation", [4484] = "Read from process memory", [4485] = "Write to process memory",
            [4486] = "Duplicate handle into or out of process", [4487] = "Create a subprocess of process",
            [4488] = "Set process quotas", [4489] = "Set process information", [4490] = "Query process information",
            [4491] = "Set process termination port",
            // Values.
            [1793] = "<value not set>", [1794] = "<never>", [1801] = "Granted by",
            [1832] = "Identification", [1833] = "Impersonation", [1840] = "Delegation",
            [1842] = "Yes", [1843] = "No",
            [1936] = "TokenElevationTypeDefault (1)", [1937] = "TokenElevationTypeFull (2)", [1938] = "TokenElevationTypeLimited (3)",
            // 4625 failure reasons.
            [2304] = "An Error occured during Logon.", [2305] = "The specified user account has expired.",
            [2306] = "The NetLogon component is not active.", [2307] = "Account locked out.",
            [2308] = "The user has not been granted the requested logon type at this machine.",
            [2309] = "The specified account's password has expired.", [2310] = "Account currently disabled.",
            [2311] = "Account logon time restriction violation.", [2312] = "User not allowed to logon at this computer.",
            [2313] = "Unknown user name or bad password.",
            // User account control flags (4720/4738).
            [2048] = "Account Enabled", [2058] = "Account Unlocked", [2080] = "Account Disabled", [2090] = "Account Locked",
            // Windows Filtering Platform (5156/5157/5158).
            [14592] = "Inbound", [14593] = "Outbound", [14608] = "Resource Assignment", [14609] = "Listen",
            [14610] = "Receive/Accept", [14611] = "Connect",
            // Directory service access (4662) and changes (5136).
            [7680] = "Create Child", [7681] = "Delete Child", [7682] = "List Contents", [7683] = "Write Self",
            [7684] = "Read Property", [7685] = "Write Property", [7686] = "Delete Tree", [7687] = "List Object",
            [7688] = "Control Access",
            [14674] = "Value Added", [14675] = "Value Deleted", [14676] = "Active Directory Domain Services",
            // Key file operations (5058/5061).
            [2458] = "Read persisted key from file.", [2480] = "Open Key.", [2499] = "Machine key.", [2500] = "User key.",
            // Audit policy categories and changes (4719).
            [8272] = "System", [8273] = "Logon/Logoff", [8274] = "Object Access", [8275] = "Privilege Use", [8276] = "Detailed Tracking",
            [8277] = "Policy Change", [8278] = "Account Management", [8279] = "DS Access", [8280] = "Account Logon",
            [8448] = "Success removed", [8449] = "Success added", [8450] = "Failure removed", [8451] = "Failure added",
        };
        for (int bit = 0; bit < 16; bit++) d[1552 + bit] = $"Unknown specific access (bit {bit})";
        string[] flags =
        [
            "'Home Directory Required'", "'Password Not Required'", "'Temp Duplicate Account'", "'Normal Account'",
            "'MNS Logon Account'", "'Interdomain Trust Account'", "'Workstation Trust Account'", "'Server Trust Account'",
            "'Don't Expire Password'", null!, "'Encrypted Text Password Allowed'", "'Smartcard Required'",
            "'Trusted For Delegation'", "'Not Delegated'", "'Use DES Key Only'", "'Don't Require Preauth'",
            "'Password Expired'", "'Trusted To Authenticate For Delegation'",
        ];
        for (int i = 0; i < flags.Length; i++)
        {
            if (flags[i] is null) continue;
            d[2049 + i] = flags[i] + " - Disabled";
            d[2081 + i] = flags[i] + " - Enabled";
        }
        return d;
    }
}
