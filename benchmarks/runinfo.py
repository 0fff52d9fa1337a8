"""What every benchmark records beside its figures: the command, the commit, the versions.

Imported by the scripts under benchmarks/ (each puts this folder on sys.path first).
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import shlex
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def command_line() -> str:
    """The command as a person would type it again from the repository root."""
    exe = sys.executable or "python"
    rel = os.path.relpath(exe) if os.path.isabs(exe) else exe
    exe = rel if not rel.startswith("..") else "python"
    return " ".join([exe] + [shlex.quote(a) for a in sys.argv])


def git(*args: str) -> str | None:
    """`git ARGS` in the repository, or None where git or the repository is missing."""
    try:
        out = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def versions(packages: tuple[str, ...] | list[str], **extra: str) -> dict[str, str | None]:
    """Python's version, any `extra` entries, and each installed package's version (None if absent)."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {"python": platform.python_version(), **extra}
    for name in packages:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def eval_dir(arg: str | None) -> str:
    """The gold data folder: the option, else $EVENTWIRE_EVAL, else ../shared/eval beside the repository."""
    return arg or os.environ.get("EVENTWIRE_EVAL") or os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "eval"))


def run_header(versions_of: dict[str, str | None], dirty_paths: tuple[str, ...] = ("src", "pyproject.toml")) -> dict:
    """What opens every result file: the command, the UTC time, the commit (and whether the code
    differs from it), and the versions."""
    return {
        "command": command_line(),
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--", *dirty_paths)),
        "versions": versions_of,
    }
