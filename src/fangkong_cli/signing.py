"""Signed reports: a unit signs the file it sends with its SSH key (`ssh-keygen -Y sign`), and
the provincial office checks it against its allowed_signers list (git's format)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .errors import DataProblem, UsageProblem
from .fsutil import atomic_write

NAMESPACE = "fangkong-report"
TIMEOUT = 30  # seconds; ssh-keygen never needs more, and must never hang a cron job


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise UsageProblem("sign_no_ssh_keygen")
    return found


def signature_path(path: Path) -> Path:
    return path.with_name(path.name + ".sig")


def check_signing(key: Path) -> None:
    """Before a report is written: the key and ssh-keygen are there."""
    if not key.is_file():
        raise UsageProblem("sign_key_missing", path=str(key))
    _ssh_keygen()


def sign_file(path: Path, key: Path) -> Path:
    """Write FILE.sig beside `path`, signed with the SSH private key `key`."""
    check_signing(key)
    try:
        with open(path, "rb") as data:
            done = subprocess.run(
                [_ssh_keygen(), "-Y", "sign", "-f", str(key), "-n", NAMESPACE],
                stdin=data,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DataProblem("sign_failed", path=str(path), reason=str(exc)) from exc
    if done.returncode != 0 or not done.stdout.startswith(b"-----BEGIN SSH SIGNATURE-----"):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageProblem("sign_failed", path=str(path), reason=reason[-1] if reason else str(done.returncode))
    target = signature_path(path)
    atomic_write(target, done.stdout)
    return target


def signature_problem(path: Path, principal: str, allowed_signers: Path) -> str | None:
    """None when `path` carries a good signature by `principal` (the unit id), else the reason
    as a catalog key: sig_missing, sig_invalid."""
    sig = signature_path(path)
    if not sig.is_file():
        return "sig_missing"
    try:
        with open(path, "rb") as data:
            done = subprocess.run(
                [
                    _ssh_keygen(),
                    "-Y",
                    "verify",
                    "-f",
                    str(allowed_signers),
                    "-I",
                    principal,
                    "-n",
                    NAMESPACE,
                    "-s",
                    str(sig),
                ],
                stdin=data,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
    except (OSError, subprocess.TimeoutExpired):
        return "sig_invalid"
    return None if done.returncode == 0 else "sig_invalid"
