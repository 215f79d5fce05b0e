"""A Trellis instance of its own for fuzzing, served on loopback: a fresh home folder,
the futures CRM seeded (its demo users included), served by werkzeug (threaded) until
stopped. Prints `READY <port>` once it answers.

    python tests/fuzz_server.py HOME [--port 0] [--clients 60] [--database URL]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "platform"))
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("home")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--database", default=None, help="a database URL (default: SQLite in HOME)")
    args = parser.parse_args()

    from werkzeug.serving import WSGIRequestHandler, make_server

    from crm_app import ADMIN_PASSWORD, seed_crm
    from trellis import create_app
    from trellis.provision.setup import init_db

    app = create_app({"TRELLIS_HOME": args.home, "TRELLIS_DEFINITION_TTL": 0, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, **({"TRELLIS_DATABASE_URL": args.database} if args.database else {})})
    init_db(app, admin_password=ADMIN_PASSWORD)
    seed_crm(app, clients=args.clients)
    WSGIRequestHandler.protocol_version = "HTTP/1.1"
    WSGIRequestHandler.log_request = lambda *a, **k: None
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    print(f"READY {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
