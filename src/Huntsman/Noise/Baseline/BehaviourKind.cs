namespace Huntsman.Noise.Baseline;

/// <summary>The kinds of behaviour a baseline learns; the names are the JSON category keys.</summary>
public enum BehaviourKind
{
    /// <summary>Parent → child image file names (lower-cased).</summary>
    ProcessPair,
    /// <summary>Image file name plus the normalised shape of its command line.</summary>
    CommandShape,
    /// <summary>Service installed (System 7045 / Security 4697): name shape and image-path shape.</summary>
    Service,
    /// <summary>Successful logon (4624): source host or IP, account, logon type, target host.</summary>
    Logon,
    /// <summary>Process making a network connection (Sysmon 3, Security 5156, Defender): image file name and destination port.</summary>
    Network,
    /// <summary>Named pipe created (Sysmon 17): the pipe name's shape.</summary>
    Pipe,
}
