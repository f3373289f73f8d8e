"""The PPID teams of the fake GitHub organisation, shared by every test that talks to it: two members where a
test needs a second person for a role (another approver, another author), one Kepala Dinas."""

from __future__ import annotations

TEAMS = {
    "ppid-pelaksana": ["staf1", "staf2"],
    "ppid-kabid": ["kabid1", "kabid2"],
    "ppid-sekretaris": ["sekre1", "sekre2"],
    "ppid-kepala-dinas": ["kadis1"],
    "ppid-admin": ["admin1", "admin2"],
}
