"""One error base class; only the CLI turns these into exit codes."""

from __future__ import annotations


class PpidError(Exception):
    """A user-facing error whose message (Bahasa Indonesia) says what to do next."""

    exit_code = 1


class ConfigError(PpidError):
    """sop.yml or another configuration is invalid or missing."""

    exit_code = 2


class UsageError(PpidError):
    """The command line is wrong."""

    exit_code = 2


class GitHubUnavailable(PpidError):
    """GitHub could not be read after bounded retries (fail closed)."""

    exit_code = 3
