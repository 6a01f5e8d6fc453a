"""The `carecheck` executable: runs the command here, or hands it to a warm carecheck process.

A one-file check spends most of its time starting: Python, click, the parsers and carecheck's
own modules are imported before the first line is read. `carecheck check --keep-warm` (what the
pre-commit hook runs) keeps a warm process for the next run: this module connects to it, passes
the command line, the working directory, the environment and its own stdin, stdout and stderr
(the file descriptors themselves), and exits with the code the warm process sends back. The
warm process (checker/warm.py) forks a copy of itself for each run, so one run never sees
another's state. When no warm process answers, the command runs here as always and a warm
process is started in the background for the next run.

This module imports only the standard library's lightest modules: its whole point is not to
pay the start-up it saves.
"""

from __future__ import annotations

import os
import sys

from checker.warm_address import PACKAGE, fingerprint, private_directory, socket_directory

FLAG = "--keep-warm"


def supported() -> bool:
    """A warm process needs fork and file descriptors passed over a Unix socket (not Windows)."""
    try:
        import _socket  # the C module: `socket` itself costs 10 ms of imports (enum, selectors)
    except ImportError:
        return False
    return hasattr(os, "fork") and hasattr(_socket, "AF_UNIX") and hasattr(_socket, "SCM_RIGHTS")


def wants_warm(args: list[str]) -> bool:
    """`check ... --keep-warm`, the flag before any `--` (after it, a path could be called that)."""
    options = args[: args.index("--")] if "--" in args else args
    return bool(args) and args[0] == "check" and FLAG in options[1:]


def encode_request(args: list[str]) -> bytes:
    """The run, as NUL-separated fields: a version, the working directory, the encodings of stdout
    and stderr, the argument count, the arguments, then the environment as NAME=value."""
    streams = [f"{getattr(s, 'encoding', None) or 'utf-8'}:{getattr(s, 'errors', None) or 'strict'}" for s in (sys.stdout, sys.stderr)]
    fields = ["1", os.getcwd(), *streams, str(len(args)), *args, *(f"{k}={v}" for k, v in os.environ.items())]
    if any("\0" in field for field in fields):
        raise ValueError("a NUL in the command line")
    body = "\0".join(fields).encode("utf-8", "surrogateescape")
    return len(body).to_bytes(4, "big") + body


def ask_warm_process(args: list[str]) -> int | None:
    """Run `args` in the warm process: its exit code, or None when none answers (nothing ran)."""
    import _socket
    import signal

    directory = socket_directory()
    if not private_directory(directory, create=False):
        return None
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    # This run's stdin, stdout and stderr themselves go with the request (SCM_RIGHTS: C ints).
    descriptors = b"".join(fd.to_bytes(4, sys.byteorder) for fd in (0, 1, 2))
    try:
        client.connect(os.path.join(directory, f"{fingerprint()}.sock"))
        client.sendmsg([encode_request(args)], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, descriptors)])
        pid = int.from_bytes(_receive(client, 4), "big")
    except (OSError, ValueError):
        client.close()
        return None  # no warm process, or it went away before it began: run here
    # From here the run has begun: Ctrl-C and a cancelled job reach it, not just this process.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda signum, frame: _forward(pid, signum))
    try:
        return int.from_bytes(_receive(client, 4), "big", signed=True)
    except (OSError, ValueError):
        print("carecheck: error: the warm process ended before the check did", file=sys.stderr)
        return 2


def _forward(pid: int, signum: int) -> None:
    try:
        os.killpg(pid, signum)  # the run leads its own process group, workers included
    except OSError:
        pass


def _receive(connection, size: int) -> bytes:
    data = b""
    while len(data) < size:
        piece = connection.recv(size - len(data))
        if not piece:
            raise ValueError("connection closed")
        data += piece
    return data


def start_warm_process() -> None:
    """Start a warm process in the background, for the next run; it ends by itself when idle.
    Detached from this run's terminal, pipes and process group, so nothing waits for it."""
    import subprocess

    if os.environ.get("CI") or not private_directory(socket_directory(), create=True):
        return  # a CI job has no next run to save start-up for
    try:
        subprocess.Popen([sys.executable, "-m", "checker.warm"], cwd=os.path.dirname(PACKAGE), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)
    except OSError:
        pass  # no warm process: the next run starts as this one did


def main() -> None:
    args = sys.argv[1:]
    warm = wants_warm(args) and not os.environ.get("CARECHECK_NO_WARM") and supported()
    if warm:
        try:
            code = ask_warm_process(args)
        except KeyboardInterrupt:  # Ctrl-C before the run began
            print("carecheck: interrupted", file=sys.stderr)
            code = 130
        if code is not None:
            os._exit(code)
    from checker import cli

    code = cli.run_command()
    if warm:
        start_warm_process()
    cli.finish(code)
