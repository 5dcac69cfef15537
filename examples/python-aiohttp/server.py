"""A WebSocket echo server on aiohttp 3.8 with aiohttp's own heartbeat: web.WebSocketResponse(heartbeat=H).

What aiohttp 3.8.4 does with it (aiohttp/web_ws.py; docs/corpus.md has the details):
  * H seconds after the handshake, and H seconds after every frame receive() reads, it sends a ping and arms a
    timer of H / 2; any frame read before that timer fires (the pong, a text message, a ping) re-arms the whole
    cycle, so pings go out every H + round trip while the peer answers.
  * When the H / 2 timer fires it closes the transport: a FIN, no close frame, close code 1006 on our side.
  * The timers are re-armed only by receive(): the handler below must keep reading (`async for msg in ws`),
    as every aiohttp handler does, or a healthy peer is dropped H + H / 2 after the last frame read.
A dead peer is therefore noticed at most H + H / 2 after the last exchange: interval H, timeout H / 2.

Configured from the environment, as a deployment would be: PORT, HOST (default 127.0.0.1), WS_PATH (default /ws),
HEARTBEAT_MS (aiohttp's heartbeat, in ms; default 30000).
"""
import asyncio
import os
import signal
import sys

import aiohttp
from aiohttp import WSCloseCode, WSMsgType, web

# The bound this example declares is aiohttp 3.8's; another version may keep another one.
if not aiohttp.__version__.startswith("3.8."):
    sys.exit(f"this example is for aiohttp 3.8, found {aiohttp.__version__} ({aiohttp.__file__})")

sys.stdout.reconfigure(line_buffering=True)
sys.stderr.reconfigure(line_buffering=True)

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8080"))
WS_PATH = os.environ.get("WS_PATH", "/ws")
HEARTBEAT = int(os.environ.get("HEARTBEAT_MS", "30000")) / 1000.0
# Enough for a burst of connections (the harness's fleet opens thousands); asyncio's default is 100.
BACKLOG = int(os.environ.get("BACKLOG", "1024"))

sockets = "sockets"  # the app's open WebSockets, closed when the server stops


async def websocket(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(heartbeat=HEARTBEAT)
    await ws.prepare(request)
    peer = request.transport.get_extra_info("peername") if request.transport else None
    request.app[sockets].add(ws)
    print(f"connected {peer}")
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await ws.send_str(msg.data)
            elif msg.type == WSMsgType.BINARY:
                await ws.send_bytes(msg.data)
            elif msg.type == WSMsgType.ERROR:
                print(f"error {peer}: {ws.exception()!r}")
    finally:
        request.app[sockets].discard(ws)
    print(f"closed {peer} code={ws.close_code} exception={ws.exception()!r}")
    return ws


async def main() -> None:
    app = web.Application()
    app[sockets] = set()
    app.router.add_get(WS_PATH, websocket)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, HOST, PORT, backlog=BACKLOG, shutdown_timeout=1.0)
    await site.start()
    print(f"listening on {HOST}:{PORT}{WS_PATH}, aiohttp {aiohttp.__version__}, heartbeat {HEARTBEAT:g} s "
          f"(pong awaited {HEARTBEAT / 2:g} s)")

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()

    print("stopping")
    open_sockets = list(app[sockets])
    if open_sockets:
        # Going away: tell live peers, but never wait long for a dead one's answer.
        await asyncio.wait([asyncio.ensure_future(ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping"))
                            for ws in open_sockets], timeout=1.0)
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
