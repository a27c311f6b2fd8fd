namespace Huntsman.Lateral;

/// <summary>What an event tells about remote execution, on the target (T) or the source (S).</summary>
internal enum ObservationKind
{
    NetworkLogon,        // T 4624 LogonType 3
    PrivilegedLogon,     // T 4672
    ShareAccess,         // T 5140/5145 read or probe
    ShareWrite,          // T 5145 write of a file on ADMIN$/C$/…
    Pipe,                // T 5145 IPC$ pipe, Sysmon 17/18
    ServiceInstall,      // T 7045, 4697, Sysmon 13 Services\X\ImagePath
    ServiceState,        // T 7036
    ServiceTimeout,      // T 7009
    FileDrop,            // T Sysmon 11 executable written by System (SMB) or by a PsExec client
    SmbConnection,       // T/S Sysmon 3 on port 445
    TaskCreated,         // T 4698
    TaskDeleted,         // T 4699
    RemoteCommand,       // T process start whose shape names a tool (wmiexec, atexec, smbexec, Metasploit)
    ServiceProcess,      // T process started by services.exe from a service binary
    ClientLaunch,        // S PsExec/PAExec/sc/net use/wmic/schtasks naming a remote host (or local PsExec)
    ExplicitCredentials, // S 4648
    EulaAccepted,        // S Sysmon 13 Sysinternals\PsExec\EulaAccepted
}
