"""The `eventwire` command: a thin layer over the Python API.

Each command group lives in its own module with a ``register(commands)`` function, so that the
commands of one stage can change without touching the others.

Exit codes: 0 all documents processed, 1 some documents failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys

from .. import __version__
from ..errors import UsageError
from . import corpus, evaluate, explain, process, review, serve
from ._common import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE

__all__ = ["EXIT_OK", "EXIT_SOME_FAILED", "EXIT_USAGE", "build_parser", "main"]

#: The command modules, in the order `eventwire --help` lists them.
COMMAND_MODULES = (process, corpus, review, serve, evaluate, explain)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Structured, checkable records out of messy news articles: clean text, links, "
        "metadata, quotes and speakers, CAMEO/PLOVER events and places, all offline.",
        epilog="Start with:  eventwire process --help",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        # The command's process: at exit, spare the interpreter its final garbage collections
        # over every object the models left in memory (measured: 0.7 s of a 1 s shut-down).
        atexit.register(gc.freeze)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except UsageError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # `eventwire process ... | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
