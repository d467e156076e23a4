"""Binding the web view: 127.0.0.1 and ::1 by default, another address only when asked.

Werkzeug's threaded WSGI server (Flask's own), one per address, each in its thread: the
clerk's browser on the same machine is the only client, so nothing heavier is needed.
"""

import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.serving import BaseWSGIServer, make_server

from docgen.web.app import create_app


@dataclass
class Servers:
    """The listening servers and the address to print (the first one's)."""

    servers: list[BaseWSGIServer]
    url: str
    _serving: list[BaseWSGIServer] = field(default_factory=list)

    def serve_forever(self) -> None:
        """Serve on every address until Ctrl+C (or `stop` from another thread), then close."""
        for server in self.servers[1:]:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._serving.append(server)
        try:
            self.servers[0].serve_forever()
        finally:
            self.close()

    def stop(self) -> None:
        """End `serve_forever` (called from another thread)."""
        self.servers[0].shutdown()

    def close(self) -> None:
        """Stop the other addresses' threads and free every socket."""
        for server in self._serving:
            server.shutdown()  # waits for a serve_forever that runs: only those started
        self._serving.clear()
        for server in self.servers:
            server.server_close()


def _ipv6() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def bind(root: Path, port: int, host: str | None = None) -> Servers:
    """Servers for the workspace at `root` on `port` (0: any free port, the same for both
    loopback addresses): 127.0.0.1 and ::1 when `host` is None, else `host` alone.
    Raises OSError when the address cannot be bound (the port is taken)."""
    app = create_app(root, public=host is not None)
    if host is not None:
        server = make_server(host, port, app, threaded=True)
        shown = f"[{host}]" if ":" in host else host
        return Servers([server], f"http://{shown}:{server.server_port}/")
    first = make_server("127.0.0.1", port, app, threaded=True)
    servers = [first]
    if _ipv6():
        try:
            servers.append(make_server("::1", first.server_port, app, threaded=True))
        except OSError:
            pass  # ::1 taken by another program on that port: 127.0.0.1 still serves
    return Servers(servers, f"http://127.0.0.1:{first.server_port}/")
