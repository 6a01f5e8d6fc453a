"""Errors the user can cause. The CLI turns each into one line on stderr and exit code 2."""


class UsageError(Exception):
    """A bad path, option, config file or rule file: the run cannot go on as asked."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop as after Ctrl-C (workers stopped, no temporary file left), exit 128 + signal."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
