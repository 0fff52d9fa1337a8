"""`eventwire serve`: the read-only web view."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import UsageError
from ._common import EXIT_OK, _add_db


def register(commands) -> None:
    serve = commands.add_parser(
        "serve",
        help="open the corpus in a local web view (read-only)",
        description="Serve the corpus database read-only at http://HOST:PORT/ with pages for the overview, "
        "search, articles and speakers, each with a JSON twin under /api/. Nothing loads from the internet.",
    )
    _add_db(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)d)")
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web import create_app

    if not os.path.exists(args.db):
        raise UsageError(f"no corpus at {args.db}: create one with `eventwire ingest PATH... --db {args.db}`")
    local = {"localhost", "127.0.0.1", "::1"}
    allowed = None if args.host in local else ["localhost", "127.0.0.1", "::1", args.host]
    app = create_app(args.db) if allowed is None else create_app(args.db, allowed_hosts=allowed)
    print(f"eventwire: serving {args.db} read-only at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, server_header=False, log_level="warning")
    return EXIT_OK
