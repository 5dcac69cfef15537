"""A WebSocket client on aiohttp 3.8 with aiohttp's own heartbeat (session.ws_connect(url, heartbeat=H)) and the
reconnect loop a team would add around it: exponential backoff with full jitter, reset after a successful connect.

What aiohttp 3.8.4 does with heartbeat=H (aiohttp/client_ws.py; docs/corpus.md has the details):
  * H seconds after connecting, and H seconds after every frame receive() reads, it sends a ping and arms a timer
    of H / 2; any frame read before that timer fires (the pong, a message, a ping from the server) re-arms the whole
    cycle. So the client pings every H + round trip while the server answers, and not at all while the server sends
    something more often than every H.
  * When the H / 2 timer fires it closes the connection (a FIN, no close frame) and the pending receive() returns
    CLOSED; the loop below then reconnects.
  * As on the server, only receive() re-arms the timers: the loop below always awaits it.
A dead server is therefore noticed at most H + H / 2 after the last exchange: interval H, timeout H / 2.

Configured from the environment: PORT, HOST (default 127.0.0.1), WS_PATH (default /ws), HEARTBEAT_MS (aiohttp's
heartbeat, in ms; default 30000), BACKOFF_INITIAL_MS, BACKOFF_MAX_MS (reconnect delays: attempt n waits a uniformly
random time in [0, min(max, initial * 2^n)]; defaults 1000 and 30000).
"""
import asyncio
import os
import random
import signal
import sys

import aiohttp
from aiohttp import WSMsgType

# The bound this example declares is aiohttp 3.8's; another version may keep another one.
if not aiohttp.__version__.startswith("3.8."):
    sys.exit(f"this example is for aiohttp 3.8, found {aiohttp.__version__} ({aiohttp.__file__})")

sys.stdout.reconfigure(line_buffering=True)
sys.stderr.reconfigure(line_buffering=True)

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8080"))
WS_PATH = os.environ.get("WS_PATH", "/ws")
HEARTBEAT = int(os.environ.get("HEARTBEAT_MS", "30000")) / 1000.0
BACKOFF_INITIAL = int(os.environ.get("BACKOFF_INITIAL_MS", "1000")) / 1000.0
BACKOFF_MAX = int(os.environ.get("BACKOFF_MAX_MS", "30000")) / 1000.0
# The handshake may not take longer than the heartbeat would let a silent server live: an attempt whose upgrade
# request vanished is abandoned after H + H / 2, as a connection would be.
HANDSHAKE_TIMEOUT = HEARTBEAT * 1.5

URL = f"http://{HOST}:{PORT}{WS_PATH}"


def backoff(attempt: int) -> float:
    """Full jitter: a uniformly random delay up to the exponential cap."""
    return random.uniform(0, min(BACKOFF_MAX, BACKOFF_INITIAL * 2 ** attempt))


async def session_once(session: aiohttp.ClientSession) -> bool:
    """One connection, until it ends; whether it was established."""
    try:
        ws = await asyncio.wait_for(session.ws_connect(URL, heartbeat=HEARTBEAT), HANDSHAKE_TIMEOUT)
    except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as e:
        print(f"connect failed: {type(e).__name__}: {e}")
        return False
    local = ws.get_extra_info("sockname")
    print(f"connected {local} to {URL}")
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            print(f"message {msg.data!r}")
        elif msg.type == WSMsgType.ERROR:
            print(f"error: {ws.exception()!r}")
    print(f"closed {local} code={ws.close_code} exception={ws.exception()!r}")
    return True


async def run() -> None:
    attempt = 0
    async with aiohttp.ClientSession() as session:
        while True:
            if await session_once(session):
                attempt = 0
            delay = backoff(attempt)
            attempt += 1
            print(f"reconnecting in {delay * 1000:.0f} ms (attempt {attempt})")
            await asyncio.sleep(delay)


async def main() -> None:
    print(f"aiohttp {aiohttp.__version__}: {URL}, heartbeat {HEARTBEAT:g} s (pong awaited {HEARTBEAT / 2:g} s), "
          f"backoff {BACKOFF_INITIAL:g}..{BACKOFF_MAX:g} s with full jitter")
    task = asyncio.ensure_future(run())
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        print("stopping")


if __name__ == "__main__":
    asyncio.run(main())
