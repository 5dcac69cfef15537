"""A WebSocket echo server on tornado 6.2 with tornado's own heartbeat: the Application settings
websocket_ping_interval and websocket_ping_timeout.

What tornado 6.2 does with them (tornado/websocket.py; docs/corpus.md has the details):
  * A PeriodicCallback fires every websocket_ping_interval on a fixed grid from the handshake. At each tick it first
    checks the time since the last PONG (nothing else counts: a message does not), and closes the connection when
    that exceeds websocket_ping_timeout; otherwise it sends a ping. So the check runs at the ping ticks, and a dead
    peer is noticed at the first tick more than websocket_ping_timeout after its last pong: at most
    interval + ping_timeout after the last exchange.
  * The ping timeout must exceed the interval: at the first tick, the "last pong" is the handshake, one interval
    earlier, so a timeout of an interval or less closes every connection there (tornado issue #2905, fixed in 6.5).
  * "Closes" means: it sends a Close frame without a status code, then waits a fixed 5 seconds (real seconds) for
    the peer's answer before it drops the socket. A dead peer never answers: its TCP connection ends 5 s later.

Configured from the environment: PORT, HOST (default 127.0.0.1), WS_PATH (default /ws), PING_INTERVAL_MS (default
30000), and the ping timeout either as PING_TIMEOUT_MS or as PING_TIMEOUT_INTERVALS, a multiple of the interval
(default 3, tornado's own default being max(3 x interval, 30 s)).
"""
import asyncio
import os
import signal
import sys

import tornado
import tornado.web
import tornado.websocket

# The bound this example declares is tornado 6.2's; 6.5 changed how the ping timeout is checked.
if not tornado.version.startswith("6.2"):
    sys.exit(f"this example is for tornado 6.2, found {tornado.version} ({tornado.__file__})")

sys.stdout.reconfigure(line_buffering=True)
sys.stderr.reconfigure(line_buffering=True)

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8080"))
WS_PATH = os.environ.get("WS_PATH", "/ws")
PING_INTERVAL = int(os.environ.get("PING_INTERVAL_MS", "30000")) / 1000.0
if "PING_TIMEOUT_MS" in os.environ:
    PING_TIMEOUT = int(os.environ["PING_TIMEOUT_MS"]) / 1000.0
else:
    PING_TIMEOUT = float(os.environ.get("PING_TIMEOUT_INTERVALS", "3")) * PING_INTERVAL
# Enough for a burst of connections (the harness's fleet opens thousands); tornado's default is 128.
BACKLOG = int(os.environ.get("BACKLOG", "1024"))

if PING_TIMEOUT <= PING_INTERVAL:
    sys.exit(f"websocket_ping_timeout {PING_TIMEOUT:g} s must exceed websocket_ping_interval {PING_INTERVAL:g} s: "
             "tornado 6.2 would close every connection at its first ping tick")


class Echo(tornado.websocket.WebSocketHandler):
    def open(self):
        self.peer = self.ws_connection.stream.socket.getpeername()
        print(f"connected {self.peer}")

    def on_message(self, message):
        self.write_message(message, binary=isinstance(message, bytes))

    def on_close(self):
        print(f"closed {self.peer} code={self.close_code} reason={self.close_reason!r}")


async def main():
    app = tornado.web.Application([(WS_PATH, Echo)], websocket_ping_interval=PING_INTERVAL,
                                  websocket_ping_timeout=PING_TIMEOUT)
    server = app.listen(PORT, address=HOST, backlog=BACKLOG)
    print(f"listening on {HOST}:{PORT}{WS_PATH}, tornado {tornado.version}, websocket_ping_interval "
          f"{PING_INTERVAL:g} s, websocket_ping_timeout {PING_TIMEOUT:g} s")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    print("stopping")
    server.stop()


if __name__ == "__main__":
    asyncio.run(main())
