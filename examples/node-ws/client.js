'use strict';
// A WebSocket client on the npm package `ws`, with the client-side heartbeat exactly as the ws README's
// "How to detect and close broken connections?" shows it: on 'open' and on every 'ping' from the server, clear the
// timer and set a new one that terminate()s the connection after the server's ping interval plus a latency
// allowance. The client never pings; ws answers the server's pings by itself (autoPong). A dead server is therefore
// noticed exactly interval + latency after the last ping that arrived.
//
// The README stops there; this adds the reconnect loop a team would write: exponential backoff with full jitter
// (attempt n waits a uniformly random delay in [0, min(max, initial * 2^n)]), attempts reset after a successful
// open. An attempt whose handshake never completes is abandoned after interval + latency too (ws's
// handshakeTimeout), as a silent connection would be.
//
// Configured from the environment: PORT, HOST (default 127.0.0.1), WS_PATH (default /), HEARTBEAT_INTERVAL_MS (the
// server's ping interval; default 30000, the README's), LATENCY_MS (the README's allowance; default 1000),
// BACKOFF_INITIAL_MS (default 1000), BACKOFF_MAX_MS (default 30000).
const WebSocket = require('ws');

const port = Number(process.env.PORT || 8080);
const host = process.env.HOST || '127.0.0.1';
const path = process.env.WS_PATH || '/';
const intervalMs = Number(process.env.HEARTBEAT_INTERVAL_MS || 30000);
const latencyMs = Number(process.env.LATENCY_MS || 1000);
const backoffInitialMs = Number(process.env.BACKOFF_INITIAL_MS || 1000);
const backoffMaxMs = Number(process.env.BACKOFF_MAX_MS || 30000);
const url = `ws://${host}:${port}${path}`;

let attempt = 0;
let current = null;
let reconnectTimer = null;
let stopping = false;

function heartbeat() {
  clearTimeout(this.pingTimeout);

  // Use `WebSocket#terminate()`, which immediately destroys the connection,
  // instead of `WebSocket#close()`, which waits for the close timer.
  // Delay should be equal to the interval at which your server
  // sends out pings plus a conservative assumption of the latency.
  this.pingTimeout = setTimeout(() => {
    console.log(`no ping for ${intervalMs + latencyMs} ms: terminating`);
    this.terminate();
  }, intervalMs + latencyMs);
}

function backoffDelay(n) {
  return Math.random() * Math.min(backoffMaxMs, backoffInitialMs * 2 ** n);
}

function connect() {
  reconnectTimer = null;
  const client = new WebSocket(url, { handshakeTimeout: intervalMs + latencyMs });
  current = client;
  let opened = false;

  client.on('error', (err) => console.error(`error: ${err.message}`));
  client.on('open', function open() {
    opened = true;
    attempt = 0;
    console.log(`connected ${client._socket.localAddress}:${client._socket.localPort} to ${url}`);
  });
  client.on('open', heartbeat);
  client.on('ping', heartbeat);
  client.on('message', (data) => console.log(`message ${data}`));
  client.on('close', function clear(code) {
    clearTimeout(this.pingTimeout);
    current = null;
    if (stopping) {
      return;
    }
    const delay = backoffDelay(attempt);
    attempt += 1;
    console.log(`${opened ? 'closed' : 'connect failed'} (code ${code}); reconnecting in ${Math.round(delay)} ms `
      + `(attempt ${attempt})`);
    reconnectTimer = setTimeout(connect, delay);
  });
}

console.log(`ws client for ${url}: server pings every ${intervalMs} ms, terminate after ${intervalMs + latencyMs} ms `
  + `without one; backoff ${backoffInitialMs}..${backoffMaxMs} ms with full jitter`);
connect();

function stop() {
  stopping = true;
  clearTimeout(reconnectTimer);
  if (current) {
    clearTimeout(current.pingTimeout);
    current.terminate();
  }
  process.exit(0);
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
