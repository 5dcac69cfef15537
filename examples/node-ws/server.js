'use strict';
// A WebSocket server on the npm package `ws`, with the heartbeat exactly as the ws README's
// "How to detect and close broken connections?" shows it: one timer pings every connection each
// interval and terminates those that did not answer the previous ping. A dead peer is therefore
// noticed after more than one and at most two intervals (interval < d <= 2 x interval).
//
// Configured from the environment, as a deployment would: PORT, HOST (default 127.0.0.1),
// HEARTBEAT_INTERVAL_MS (default 30000, the README's), WS_PATH (default: any path).
// `--never-terminate` is a deliberately broken copy: it notices the missing pong but never calls
// terminate(), so a dead connection stays open for ever.
const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT || 8080);
const host = process.env.HOST || '127.0.0.1';
const intervalMs = Number(process.env.HEARTBEAT_INTERVAL_MS || 30000);
const path = process.env.WS_PATH || undefined;
const neverTerminate = process.argv.includes('--never-terminate');

function heartbeat() {
  this.isAlive = true;
}

const wss = new WebSocketServer({ port, host, path });

wss.on('listening', () => {
  console.log(`listening on ${host}:${wss.address().port}, heartbeat every ${intervalMs} ms`
    + (neverTerminate ? ' (never terminates)' : ''));
});

wss.on('connection', function connection(ws) {
  ws.isAlive = true;
  ws.on('error', console.error);
  ws.on('pong', heartbeat);
});

const interval = setInterval(function ping() {
  wss.clients.forEach(function each(ws) {
    if (ws.isAlive === false) {
      if (neverTerminate) {
        return undefined;
      }
      return ws.terminate();
    }

    ws.isAlive = false;
    ws.ping();
  });
}, intervalMs);

wss.on('close', function close() {
  clearInterval(interval);
});

process.on('SIGTERM', () => wss.close(() => process.exit(0)));
