#!/usr/bin/env python3
"""Writes the synthetic two-host PsExec scenario (our own data, nothing copied) as evtx_dump-style JSONL.

HR-PC-07 (source): WINWORD.EXE -> rundll32.exe -> powershell.exe -enc ... -> PsExec.exe \\FS01 -accepteula -s cmd.exe,
EulaAccepted, 4648 to FS01, SMB to 445. FS01 (target): 4624/4672, 5140/5145 ADMIN$ + IPC$, 7045/4697 PSEXESVC,
PSEXESVC.exe from services.exe, pipes PSEXESVC-HR-PC-07-<pid>-std*, cmd.exe -> whoami / net user.
Run: python3 samples/generators/psexec_two_hosts.py   (rewrites samples/psexec-two-hosts/*/*.jsonl)
"""
import hashlib, json, os
from datetime import datetime, timedelta

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "psexec-two-hosts")
T0 = datetime(2026, 3, 10, 10, 41, 5, 120000)
SYSMON = ("Microsoft-Windows-Sysmon", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", "Microsoft-Windows-Sysmon/Operational")
SECURITY = ("Microsoft-Windows-Security-Auditing", "{54849625-5478-4994-A5BA-3E3B0328C30D}", "Security")
SYSTEM = ("Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}", "System")
SRC, DST = "HR-PC-07.corp.example", "FS01.corp.example"
SRC_IP, DST_IP = "10.10.20.57", "10.10.5.21"
JDOE_SID = "S-1-5-21-3623811015-3361044348-30300820-1107"
ADMIN_SID = "S-1-5-21-3623811015-3361044348-30300820-1104"
PSEXEC_PID, PORT1, PORT2 = 5124, 50511, 50512

files = {}
records = {}

def t(seconds):
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"

def utc(seconds):
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]

def emit(host, provider, eid, seconds, data, user="S-1-5-18", pid=4, qualifiers=None, folder=None):
    name, guid, channel = provider
    key = (host, channel)
    records[key] = records.get(key, {"HR-PC-07": 48210, "FS01": 91300}[host.split(".")[0]]) + 1
    event_id = {"#attributes": {"Qualifiers": qualifiers}, "#text": eid} if qualifiers is not None else eid
    system = {
        "Provider": {"#attributes": {"Name": name, "Guid": guid}},
        "EventID": event_id, "Version": 2 if channel == "Security" else 0, "Level": 4, "Task": 0, "Opcode": 0,
        "Keywords": "0x8020000000000000" if channel == "Security" else "0x8000000000000000",
        "TimeCreated": {"#attributes": {"SystemTime": t(seconds)}},
        "EventRecordID": records[key], "Correlation": None,
        "Execution": {"#attributes": {"ProcessID": pid, "ThreadID": 1000 + eid % 997}},
        "Channel": channel, "Computer": host,
        "Security": {"#attributes": {"UserID": user}} if user else None,
    }
    ev = {"Event": {"#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"}, "System": system, "EventData": data}}
    short = host.split(".")[0]
    files.setdefault(f"{short}/{channel.split('/')[0].replace('Microsoft-Windows-', '').lower()}.jsonl", []).append(ev)

def guid(n):
    return "{4d7f3a21-%04x-65ed-%04x-0000000012%02x}" % (n & 0xffff, (n * 7) & 0xffff, n % 97)

def proc(host, seconds, n, pid, image, cmd, user, parent_n, ppid, parent_image, parent_cmd, logon="0x3e7", integrity="System",
         original=None, description=None, product=None, company=None, cwd="C:\\Windows\\system32\\"):
    emit(host, SYSMON, 1, seconds, {
        "RuleName": "-", "UtcTime": utc(seconds), "ProcessGuid": guid(n), "ProcessId": pid, "Image": image,
        "FileVersion": "-", "Description": description or "-", "Product": product or "-", "Company": company or "-",
        "OriginalFileName": original or image.split("\\")[-1], "CommandLine": cmd, "CurrentDirectory": cwd, "User": user,
        "LogonGuid": "{4d7f3a21-0000-65ed-e703-000000000000}", "LogonId": logon, "TerminalSessionId": 0 if logon == "0x3e7" else 1,
        "IntegrityLevel": integrity, "Hashes": "SHA256=" + hashlib.sha256(image.encode()).hexdigest().upper(),
        "ParentProcessGuid": guid(parent_n), "ParentProcessId": ppid, "ParentImage": parent_image, "ParentCommandLine": parent_cmd,
        "ParentUser": user})

# ---------------- source: HR-PC-07 ----------------
EXPLORER = "C:\\Windows\\explorer.exe"
WORD = "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"
WORD_CMD = '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "C:\\Users\\jdoe\\Downloads\\Invoice-2026-0310.docm" /o ""'
RUNDLL = "C:\\Windows\\System32\\rundll32.exe"
RUNDLL_CMD = "rundll32.exe C:\\Users\\jdoe\\AppData\\Local\\Temp\\wd7f21.dll,DllRegisterServer"
PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
PS_CMD = "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA"
PSEXEC = "C:\\Users\\jdoe\\AppData\\Local\\Temp\\PsExec.exe"
PSEXEC_CMD = "PsExec.exe \\\\FS01 -accepteula -s cmd.exe"
JDOE = "CORP\\jdoe"

proc(SRC, 0.0, 1, 7340, WORD, WORD_CMD, JDOE, 0, 4012, EXPLORER, "C:\\Windows\\Explorer.EXE", logon="0x2b1a7f", integrity="Medium",
     original="WinWord.exe", description="Microsoft Word", product="Microsoft Office", company="Microsoft Corporation", cwd="C:\\Users\\jdoe\\Documents\\")
proc(SRC, 32.4, 2, 6616, RUNDLL, RUNDLL_CMD, JDOE, 1, 7340, WORD, WORD_CMD, logon="0x2b1a7f", integrity="Medium",
     original="RUNDLL32.EXE", description="Windows host process (Rundll32)", product="Microsoft® Windows® Operating System", company="Microsoft Corporation")
proc(SRC, 33.1, 3, 2288, PS, PS_CMD, JDOE, 2, 6616, RUNDLL, RUNDLL_CMD, logon="0x2b1a7f", integrity="Medium",
     original="PowerShell.EXE", description="Windows PowerShell", product="Microsoft® Windows® Operating System", company="Microsoft Corporation")
emit(SRC, SYSMON, 11, 51.7, {"RuleName": "-", "UtcTime": utc(51.7), "ProcessGuid": guid(3), "ProcessId": 2288, "Image": PS,
     "TargetFilename": PSEXEC, "CreationUtcTime": utc(51.7), "User": JDOE})
proc(SRC, 65.0, 4, PSEXEC_PID, PSEXEC, PSEXEC_CMD, JDOE, 3, 2288, PS, PS_CMD, logon="0x2b1a7f", integrity="Medium",
     original="psexec.c", description="Execute processes remotely", product="Sysinternals PsExec",
     company="Sysinternals - www.sysinternals.com", cwd="C:\\Users\\jdoe\\AppData\\Local\\Temp\\")
emit(SRC, SYSMON, 13, 65.02, {"RuleName": "-", "EventType": "SetValue", "UtcTime": utc(65.02), "ProcessGuid": guid(4), "ProcessId": PSEXEC_PID,
     "Image": PSEXEC, "TargetObject": f"HKU\\{JDOE_SID}\\Software\\Sysinternals\\PsExec\\EulaAccepted", "Details": "DWORD (0x00000001)", "User": JDOE})
emit(SRC, SYSMON, 22, 65.05, {"RuleName": "-", "UtcTime": utc(65.05), "ProcessGuid": guid(4), "ProcessId": PSEXEC_PID, "QueryName": "FS01",
     "QueryStatus": "0", "QueryResults": f"::ffff:{DST_IP};", "Image": PSEXEC, "User": JDOE})
emit(SRC, SECURITY, 4648, 65.08, {
    "SubjectUserSid": JDOE_SID, "SubjectUserName": "jdoe", "SubjectDomainName": "CORP", "SubjectLogonId": "0x2b1a7f",
    "LogonGuid": "{00000000-0000-0000-0000-000000000000}", "TargetUserName": "admin", "TargetDomainName": "CORP",
    "TargetLogonGuid": "{8c1d3e55-2f0b-7a41-90c2-55d1f0e3a9b4}", "TargetServerName": "FS01", "TargetInfo": "cifs/FS01",
    "ProcessId": "0x%x" % PSEXEC_PID, "ProcessName": PSEXEC, "IpAddress": "-", "IpPort": "-"}, user=None, pid=748)
for i, port in enumerate((PORT1, PORT2)):
    emit(SRC, SYSMON, 3, 65.1 + i * 0.06, {"RuleName": "-", "UtcTime": utc(65.1 + i * 0.06), "ProcessGuid": "{4d7f3a21-0001-65ed-eb03-000000000000}",
         "ProcessId": 4, "Image": "System", "User": "NT AUTHORITY\\SYSTEM", "Protocol": "tcp", "Initiated": "true", "SourceIsIpv6": "false",
         "SourceIp": SRC_IP, "SourceHostname": SRC, "SourcePort": port, "SourcePortName": "-", "DestinationIsIpv6": "false",
         "DestinationIp": DST_IP, "DestinationHostname": DST, "DestinationPort": 445, "DestinationPortName": "microsoft-ds"})
emit(SRC, SYSMON, 5, 118.4, {"RuleName": "-", "UtcTime": utc(118.4), "ProcessGuid": guid(4), "ProcessId": PSEXEC_PID, "Image": PSEXEC, "User": JDOE})

# ---------------- target: FS01 ----------------
ADMIN = ("admin", "CORP", ADMIN_SID)
SERVICES = "C:\\Windows\\System32\\services.exe"
PSEXESVC = "C:\\Windows\\PSEXESVC.exe"

def logon(seconds, logon_id, port):
    emit(DST, SECURITY, 4672, seconds, {"SubjectUserSid": ADMIN_SID, "SubjectUserName": "admin", "SubjectDomainName": "CORP",
         "SubjectLogonId": logon_id, "PrivilegeList": "SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeTakeOwnershipPrivilege\n\t\t\tSeDebugPrivilege\n\t\t\tSeSystemEnvironmentPrivilege\n\t\t\tSeLoadDriverPrivilege\n\t\t\tSeImpersonatePrivilege\n\t\t\tSeDelegateSessionUserImpersonatePrivilege"},
         user=None, pid=684)
    emit(DST, SECURITY, 4624, seconds, {
        "SubjectUserSid": "S-1-0-0", "SubjectUserName": "-", "SubjectDomainName": "-", "SubjectLogonId": "0x0",
        "TargetUserSid": ADMIN_SID, "TargetUserName": "admin", "TargetDomainName": "CORP.EXAMPLE", "TargetLogonId": logon_id,
        "LogonType": "3", "LogonProcessName": "Kerberos", "AuthenticationPackageName": "Kerberos", "WorkstationName": "-",
        "LogonGuid": "{8c1d3e55-2f0b-7a41-90c2-55d1f0e3a9b4}", "TransmittedServices": "-", "LmPackageName": "-", "KeyLength": "0",
        "ProcessId": "0x0", "ProcessName": "-", "IpAddress": SRC_IP, "IpPort": str(port), "ImpersonationLevel": "%%1833",
        "RestrictedAdminMode": "-", "TargetOutboundUserName": "-", "TargetOutboundDomainName": "-", "VirtualAccount": "%%1843",
        "TargetLinkedLogonId": "0x0", "ElevatedToken": "%%1842"}, user=None, pid=684)

def share(eid, seconds, logon_id, port, share_name, target=None, mask="0x1", access="%%4416"):
    data = {"SubjectUserSid": ADMIN_SID, "SubjectUserName": "admin", "SubjectDomainName": "CORP", "SubjectLogonId": logon_id,
            "ObjectType": "File", "IpAddress": SRC_IP, "IpPort": str(port), "ShareName": share_name,
            "ShareLocalPath": "\\??\\C:\\Windows" if share_name.endswith("ADMIN$") else "", "AccessMask": mask, "AccessList": access}
    if eid == 5145:
        data = {**{k: v for k, v in data.items() if k not in ("AccessMask", "AccessList")}, "RelativeTargetName": target,
                "AccessMask": mask, "AccessList": access, "AccessReason": "-"}
    emit(DST, SECURITY, eid, seconds, data, user=None, pid=4)

logon(65.21, "0x5a3f10", PORT1)
share(5140, 65.23, "0x5a3f10", PORT1, "\\\\*\\ADMIN$")
share(5145, 65.24, "0x5a3f10", PORT1, "\\\\*\\ADMIN$", "PSEXESVC.exe", "0x120196", "%%1538\n\t\t\t\t%%1541\n\t\t\t\t%%4417\n\t\t\t\t%%4418\n\t\t\t\t%%4420\n\t\t\t\t%%4423\n\t\t\t\t%%4424")
share(5145, 65.25, "0x5a3f10", PORT1, "\\\\*\\ADMIN$", "PSEXESVC.exe", "0x2", "%%4417")
emit(DST, SYSMON, 11, 65.26, {"RuleName": "-", "UtcTime": utc(65.26), "ProcessGuid": "{9a21c0de-0001-65ed-eb03-000000000000}", "ProcessId": 4,
     "Image": "System", "TargetFilename": PSEXESVC, "CreationUtcTime": utc(65.26), "User": "NT AUTHORITY\\SYSTEM"})
logon(65.31, "0x5a3f52", PORT2)
share(5140, 65.32, "0x5a3f52", PORT2, "\\\\*\\IPC$")
share(5145, 65.33, "0x5a3f52", PORT2, "\\\\*\\IPC$", "svcctl", "0x12019f", "%%1538 %%1541 %%4416 %%4417 %%4418 %%4419 %%4420 %%4423 %%4424")
emit(DST, SECURITY, 4697, 65.36, {"SubjectUserSid": ADMIN_SID, "SubjectUserName": "admin", "SubjectDomainName": "CORP", "SubjectLogonId": "0x5a3f52",
     "ServiceName": "PSEXESVC", "ServiceFileName": "%SystemRoot%\\PSEXESVC.exe", "ServiceType": "0x10", "ServiceStartType": "3",
     "ServiceAccount": "LocalSystem"}, user=None, pid=684)
emit(DST, SYSTEM, 7045, 65.36, {"ServiceName": "PSEXESVC", "ImagePath": "%SystemRoot%\\PSEXESVC.exe", "ServiceType": "user mode service",
     "StartType": "demand start", "AccountName": "LocalSystem"}, user=ADMIN_SID, pid=620, qualifiers=16384)
emit(DST, SYSMON, 13, 65.37, {"RuleName": "-", "EventType": "SetValue", "UtcTime": utc(65.37), "ProcessGuid": guid(620), "ProcessId": 620,
     "Image": SERVICES, "TargetObject": "HKLM\\System\\CurrentControlSet\\Services\\PSEXESVC\\ImagePath", "Details": "%%SystemRoot%%\\PSEXESVC.exe",
     "User": "NT AUTHORITY\\SYSTEM"})
proc(DST, 65.41, 100, 3344, PSEXESVC, PSEXESVC, "NT AUTHORITY\\SYSTEM", 620, 620, SERVICES, "C:\\Windows\\system32\\services.exe",
     original="psexesvc.exe", description="PsExec Service", product="Sysinternals PsExec", company="Sysinternals")
emit(DST, SECURITY, 4688, 65.41, {"SubjectUserSid": "S-1-5-18", "SubjectUserName": "FS01$", "SubjectDomainName": "CORP", "SubjectLogonId": "0x3e7",
     "NewProcessId": "0xd10", "NewProcessName": PSEXESVC, "TokenElevationType": "%%1936", "ProcessId": "0x26c", "CommandLine": PSEXESVC,
     "TargetUserSid": "S-1-0-0", "TargetUserName": "-", "TargetDomainName": "-", "TargetLogonId": "0x0", "ParentProcessName": SERVICES,
     "MandatoryLabel": "S-1-16-16384"}, user=None, pid=4)
emit(DST, SYSTEM, 7036, 65.42, {"param1": "PSEXESVC", "param2": "running", "Binary": "UABTAEUAWABFAFMAVgBDAC8ANAAAAA=="}, user=None, pid=620, qualifiers=16384)
emit(DST, SYSMON, 17, 65.45, {"RuleName": "-", "EventType": "CreatePipe", "UtcTime": utc(65.45), "ProcessGuid": guid(100), "ProcessId": 3344,
     "PipeName": "\\PSEXESVC", "Image": PSEXESVC, "User": "NT AUTHORITY\\SYSTEM"})
emit(DST, SYSMON, 18, 65.47, {"RuleName": "-", "EventType": "ConnectPipe", "UtcTime": utc(65.47), "ProcessGuid": "{9a21c0de-0001-65ed-eb03-000000000000}",
     "ProcessId": 4, "PipeName": "\\PSEXESVC", "Image": "System", "User": "NT AUTHORITY\\SYSTEM"})
share(5145, 65.47, "0x5a3f52", PORT2, "\\\\*\\IPC$", "PSEXESVC", "0x12019f", "%%1538 %%1541 %%4416 %%4417 %%4418 %%4419 %%4420 %%4423 %%4424")
for i, stream in enumerate(("stdin", "stdout", "stderr")):
    pipe = f"PSEXESVC-HR-PC-07-{PSEXEC_PID}-{stream}"
    emit(DST, SYSMON, 17, 65.52 + i * 0.001, {"RuleName": "-", "EventType": "CreatePipe", "UtcTime": utc(65.52 + i * 0.001), "ProcessGuid": guid(100),
         "ProcessId": 3344, "PipeName": "\\" + pipe, "Image": PSEXESVC, "User": "NT AUTHORITY\\SYSTEM"})
    share(5145, 65.53 + i * 0.001, "0x5a3f52", PORT2, "\\\\*\\IPC$", pipe, "0x120196" if stream == "stdin" else "0x120089",
          "%%1538 %%1541 %%4417 %%4418 %%4420 %%4423 %%4424" if stream == "stdin" else "%%1538 %%1541 %%4416 %%4419 %%4423")
CMD = "C:\\Windows\\System32\\cmd.exe"
proc(DST, 65.61, 101, 4410, CMD, '"cmd.exe"', "NT AUTHORITY\\SYSTEM", 100, 3344, PSEXESVC, PSEXESVC,
     original="Cmd.Exe", description="Windows Command Processor", product="Microsoft® Windows® Operating System", company="Microsoft Corporation")
emit(DST, SECURITY, 4688, 65.61, {"SubjectUserSid": "S-1-5-18", "SubjectUserName": "FS01$", "SubjectDomainName": "CORP", "SubjectLogonId": "0x3e7",
     "NewProcessId": "0x113a", "NewProcessName": CMD, "TokenElevationType": "%%1936", "ProcessId": "0xd10", "CommandLine": '"cmd.exe"',
     "TargetUserSid": "S-1-0-0", "TargetUserName": "-", "TargetDomainName": "-", "TargetLogonId": "0x0", "ParentProcessName": PSEXESVC,
     "MandatoryLabel": "S-1-16-16384"}, user=None, pid=4)
proc(DST, 74.2, 102, 5012, "C:\\Windows\\System32\\whoami.exe", "whoami", "NT AUTHORITY\\SYSTEM", 101, 4410, CMD, '"cmd.exe"',
     original="whoami.exe", description="whoami - displays logged on user information", product="Microsoft® Windows® Operating System", company="Microsoft Corporation")
proc(DST, 86.9, 103, 2716, "C:\\Windows\\System32\\net.exe", "net  user", "NT AUTHORITY\\SYSTEM", 101, 4410, CMD, '"cmd.exe"',
     original="net.exe", description="Net Command", product="Microsoft® Windows® Operating System", company="Microsoft Corporation")
proc(DST, 86.92, 104, 3120, "C:\\Windows\\System32\\net1.exe", "C:\\Windows\\system32\\net1  user", "NT AUTHORITY\\SYSTEM", 103, 2716,
     "C:\\Windows\\System32\\net.exe", "net  user", original="net1.exe", description="Net Command",
     product="Microsoft® Windows® Operating System", company="Microsoft Corporation")
emit(DST, SYSMON, 5, 118.2, {"RuleName": "-", "UtcTime": utc(118.2), "ProcessGuid": guid(101), "ProcessId": 4410, "Image": CMD, "User": "NT AUTHORITY\\SYSTEM"})
emit(DST, SYSMON, 5, 118.3, {"RuleName": "-", "UtcTime": utc(118.3), "ProcessGuid": guid(100), "ProcessId": 3344, "Image": PSEXESVC, "User": "NT AUTHORITY\\SYSTEM"})
emit(DST, SYSTEM, 7036, 118.35, {"param1": "PSEXESVC", "param2": "stopped", "Binary": "UABTAEUAWABFAFMAVgBDAC8AMQAAAA=="}, user=None, pid=620, qualifiers=16384)

for rel, events in files.items():
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    events.sort(key=lambda e: e["Event"]["System"]["EventRecordID"])
    with open(path, "w", newline="\n") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(rel, len(events))
