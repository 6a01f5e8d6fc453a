"""carecheck never touches the network: a full check of content/ with sockets blocked and an empty home."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import run_process, write

GUARD = '''
import socket

def _blocked(*args, **kwargs):
    raise OSError("network access blocked by the carecheck offline test")

socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
'''


def test_full_check_of_content_with_network_blocked_and_fresh_home(tmp_path):
    guard_dir = tmp_path / "guard"
    write(guard_dir / "sitecustomize.py", GUARD)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PYTHONPATH": str(guard_dir),
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "NLTK_DATA": str(home / "nltk_data"),
    }
    # The guard really is active in a child process.
    check = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('pypi.org', 443))"],
        env={**env, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert "network access blocked" in check.stderr

    proc = run_process("check", "--format", "json", "content", env=env)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "blocked" not in proc.stderr
    data = json.loads(proc.stdout)
    assert data["summary"]["files"] >= 6
    assert all(f["metrics"]["fk_grade"] is not None for f in data["files"])
    assert not any(home.iterdir()), "nothing is downloaded or cached into the home directory"
