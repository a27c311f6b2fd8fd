#!/usr/bin/env python3
"""Builds src/Huntsman/Attack/attack-techniques.tsv from the reduced ATT&CK Enterprise technique list.

Run by hand when the ATT&CK data changes:
    python3 tools/build_attack_table.py ../shared/data/attack/enterprise-attack-techniques.json

Output (UTF-8, LF, tab-separated, sorted so diffs stay small):
    #source <repo> <commit> <subject>
    tactic  <TA id>  <shortname>  <name>            one line per tactic, in ATT&CK matrix order
    alias   <later tactic shortname>  <shortname it resolves to>
    <T id>  <name>  <tactic shortnames, comma-joined>  <flags: r=revoked d=deprecated>  <replacement id or empty>
"""
import json
import sys
from pathlib import Path

# Column order of the Enterprise matrix (attack.mitre.org/matrices/enterprise), left to right.
MATRIX_ORDER = [
    "reconnaissance", "resource-development", "initial-access", "execution", "persistence",
    "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement",
    "collection", "command-and-control", "exfiltration", "impact",
]

# ATT&CK v19 split Defense Evasion into Stealth and Defense Impairment (TA0112); SigmaHQ already tags
# with the v19 names. Until the table is built from v19 data they resolve to the v18 tactic they came from.
LATER_TACTIC_NAMES = {"stealth": "defense-evasion", "defense-impairment": "defense-evasion"}


def clean(text):
    return " ".join(str(text).replace("\t", " ").split())


def main():
    repo_root = Path(__file__).resolve().parent.parent
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else repo_root.parent / "shared/data/attack/enterprise-attack-techniques.json"
    data = json.loads(source.read_text(encoding="utf-8"))

    tactics = {t["shortname"]: t for t in data["tactics"] if not t.get("deprecated")}
    unknown = sorted(set(tactics) - set(MATRIX_ORDER))
    if unknown:
        sys.exit(f"tactics missing from MATRIX_ORDER: {unknown}")

    lines = []
    src = data.get("source", {})
    lines.append(f"#source\t{src.get('repo', '')}\t{src.get('commit', '')}\t{clean(src.get('commit_subject', ''))}")
    for short in MATRIX_ORDER:
        if short in tactics:
            t = tactics[short]
            lines.append(f"tactic\t{t['id']}\t{short}\t{clean(t['name'])}")

    for alias, target in LATER_TACTIC_NAMES.items():
        if alias not in tactics:
            lines.append(f"alias\t{alias}\t{target}")

    def sort_key(t):
        base, _, sub = t["id"].partition(".")
        return (int(base[1:]), int(sub) if sub else -1)

    for t in sorted(data["techniques"], key=sort_key):
        flags = ("r" if t.get("revoked") else "") + ("d" if t.get("deprecated") else "")
        lines.append("\t".join([t["id"], clean(t["name"]), ",".join(t.get("tactics") or []), flags, t.get("revoked_by") or ""]))

    out = repo_root / "src/Huntsman/Attack/attack-techniques.tsv"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    print(f"wrote {out} ({len(lines)} lines, {len(data['techniques'])} techniques, {len(tactics)} tactics)")


if __name__ == "__main__":
    main()
