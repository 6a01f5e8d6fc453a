"""The warm process behind `carecheck check --keep-warm` (see checker/launcher.py).

    python -m checker.warm [IDLE_SECONDS]

It imports carecheck and checks a small article once, so that modules, parsers and the built-in
rule data are loaded; then it waits on a Unix socket only this user can reach. For each run it
forks: the copy takes the caller's stdin, stdout and stderr (passed over the socket), working
directory, environment and command line, runs the command exactly as `carecheck` would, sends
back the exit code and ends. Nothing one run does reaches the next: each starts from the state
after the warm-up, and the rule set and data are read from the caller's files each time
(their digests decide, as in any run). The socket is named after the code's fingerprint, so
after an upgrade or an edit of carecheck or its built-in rules the next run starts a new warm
process and the old one is never asked again. It ends after IDLE_SECONDS without a run.
"""

from __future__ import annotations

import fcntl
import gc
import io
import os
import signal
import socket
import struct
import sys
import tempfile
import time

from checker import warm_address

IDLE_SECONDS = 600  # a commit's worth of edits; after that the memory is given back
POLL_SECONDS = 5  # how often finished runs are reaped and the idle time looked at

WARM_UP_ARTICLE = """---
title: Warm-up
last_reviewed: 2026-01-01
---
# Suicide and self-harm

If you are in crisis, call or text 988. Samaritans: 116 123.

About 12.8 million adults seriously considered suicide in 2021, according to the CDC.
Someone who committed suicide is not attention-seeking. He suffers from depression (CBT helps).

- Talk to a GP.
"""


def preload() -> None:
    """Import every module a check can need, then check an article once: what is left to do per
    run is reading the caller's files and checking them."""
    import pkgutil

    import checker

    for module in pkgutil.walk_packages(checker.__path__, "checker."):
        if module.name.startswith(("checker.lsp", "checker.__main__")):
            continue
        try:
            __import__(module.name)
        except ImportError:
            pass  # an optional extra that is not installed
    from checker import cli, rulefile, syllables

    rulefile.keep_loaded()
    syllables.dictionary().load_counts()
    with tempfile.TemporaryDirectory() as directory:
        article = os.path.join(directory, "warm-up.md")
        with open(article, "w", encoding="utf-8") as handle:
            handle.write(WARM_UP_ARTICLE)
        saved = os.getcwd(), dict(os.environ), sys.stdout
        os.chdir(directory)
        os.environ["CARECHECK_NO_CACHE"] = "1"  # the warm-up writes nothing anywhere
        sys.stdout = io.StringIO()
        try:
            cli.run_command(["check", "--jobs", "1", "--format", "json", "--today", "2026-01-02", article])
        finally:
            os.chdir(saved[0])
            os.environ.clear()
            os.environ.update(saved[1])
            sys.stdout = saved[2]
    gc.collect()
    gc.freeze()  # the warmed objects are shared with every fork: no collector pass copies them


_lock = None  # the open lock file, while serving


def serve(idle: float = IDLE_SECONDS) -> None:
    directory = warm_address.socket_directory()
    if not warm_address.private_directory(directory, create=True):
        return
    path = warm_address.socket_path()
    global _lock
    lock = _lock = open(path + ".lock", "a+")  # held while this process lives: one warm process per code
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another is starting or running
    lock.truncate(0)
    lock.write(str(os.getpid()))
    lock.flush()
    preload()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        if os.path.exists(path):
            os.unlink(path)  # left by a warm process that was killed: ours now, under the lock
        listener.bind(path)
        os.chmod(path, 0o600)
        listener.listen(64)
        listener.settimeout(min(POLL_SECONDS, idle))
        last = time.monotonic()
        while time.monotonic() - last < idle:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                _reap()
                continue
            last = time.monotonic()
            _start_run(listener, connection)
            _reap()
    finally:
        listener.close()
        if os.path.exists(path):
            os.unlink(path)


def _reap() -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def _same_user(connection) -> bool:
    if not hasattr(socket, "SO_PEERCRED"):
        return True  # elsewhere the socket's private directory is the guard
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[1] == os.getuid()


def _receive_request(connection) -> tuple[list[str], list[int]]:
    connection.settimeout(10)
    data, fds, _flags, _address = socket.recv_fds(connection, 1 << 16, 3)
    if len(fds) != 3 or len(data) < 4:
        raise ValueError("not a request")
    size = int.from_bytes(data[:4], "big")
    body = data[4:]
    while len(body) < size:
        piece = connection.recv(size - len(body))
        if not piece:
            raise ValueError("request cut short")
        body += piece
    return body.decode("utf-8", "surrogateescape").split("\0"), fds


def _start_run(listener, connection) -> None:
    fds: list[int] = []
    try:
        if not _same_user(connection):
            return
        fields, fds = _receive_request(connection)
        if fields[0] != "1":
            return
        pid = os.fork()
        if pid == 0:
            listener.close()
            _lock.close()  # the lock lives with this process, not with its runs
            _run(connection, fields, fds)  # never returns
    except (OSError, ValueError):
        pass  # the caller sees the connection close before a process id, and runs the check itself
    finally:
        for fd in fds:
            os.close(fd)
        connection.close()


def _run(connection, fields: list[str], fds: list[int]) -> None:
    """In the forked copy: become the caller's run, and report its exit code."""
    code = 2
    try:
        connection.sendall(os.getpid().to_bytes(4, "big"))  # first: the caller now waits for a code
        os.setpgid(0, 0)  # the caller's Ctrl-C goes to this group: the run and its workers
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            signal.signal(getattr(signal, name), signal.SIG_DFL if name != "SIGINT" else signal.default_int_handler)
        cwd, stdout_encoding, stderr_encoding, count = fields[1], fields[2], fields[3], int(fields[4])
        args, environment = fields[5 : 5 + count], fields[5 + count :]
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(item.split("=", 1) for item in environment if "=" in item)
        time.tzset()
        sys.stdin = open(0, encoding="utf-8", closefd=False)
        sys.stdout = _text_stream(1, stdout_encoding)
        sys.stderr = _text_stream(2, stderr_encoding)
        sys.argv = ["carecheck", *args]
        from checker import cli

        code = cli.run_command(args)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        if "multiprocessing" in sys.modules:
            for child in sys.modules["multiprocessing"].active_children():
                child.terminate()
    except BaseException as exc:  # whatever happens, the caller gets a code and a line
        code = 2
        try:
            os.write(2, f"carecheck: internal error in the warm process: {exc.__class__.__name__}: {exc}\n".encode())
        except OSError:
            pass
    try:
        connection.sendall(code.to_bytes(4, "big", signed=True))
    finally:
        os._exit(0)


def _text_stream(fd: int, encoding: str):
    name, _, errors = encoding.partition(":")
    return open(fd, "w", buffering=1 if os.isatty(fd) else -1, encoding=name, errors=errors or "strict", closefd=False)


if __name__ == "__main__":
    serve(float(sys.argv[1]) if len(sys.argv) > 1 else IDLE_SECONDS)
