"""`carecheck warm status` and `carecheck warm stop`: the warm processes that `check --keep-warm`
starts (checker/warm.py). (Registered on the `carecheck` group in checker.cli.)"""

from __future__ import annotations

import fcntl
import os
import signal
from pathlib import Path

import click

from checker import warm_address


def running() -> list[tuple[int, bool]]:
    """(process id, whether it is for this carecheck) of every warm process of this user. A warm
    process holds the lock file beside its socket while it lives."""
    directory = Path(warm_address.socket_directory())
    if not warm_address.private_directory(str(directory), create=False):
        return []
    mine = warm_address.fingerprint()
    found = []
    for lock in sorted(directory.glob("*.sock.lock")):
        with open(lock, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # held: its process is alive
                handle.seek(0)
                text = handle.read().strip()
                if text.isdigit():
                    found.append((int(text), lock.name.split(".")[0] == mine))
                continue
        lock.unlink(missing_ok=True)  # nobody holds it: left by a process that ended
    return found


@click.group()
def warm():
    """The warm processes `check --keep-warm` keeps (they end after 10 idle minutes)."""


@warm.command()
def status():
    """List this user's warm processes."""
    processes = running()
    if not processes:
        click.echo("no warm carecheck process")
    for pid, mine in processes:
        click.echo(f"warm carecheck process {pid}" + ("" if mine else " (for other carecheck code: it will not be used)"))


@warm.command()
def stop():
    """Stop this user's warm processes."""
    processes = running()
    for pid, _mine in processes:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    click.echo(f"stopped {len(processes)} warm carecheck process{'es' if len(processes) != 1 else ''}")
