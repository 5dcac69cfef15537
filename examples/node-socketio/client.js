'use strict';
// A Socket.IO 4 client as an application writes one: websocket transport, socket.io's own reconnection. It times the
// server's silence by the pingInterval + pingTimeout the server announced in its handshake
// (engine.io-client/build/cjs/socket.js: _resetPingTimeout, re-armed on every ping), closes on "ping timeout", and
// the Manager reconnects after reconnectionDelay doubling to reconnectionDelayMax, randomized by
// randomizationFactor (never beyond reconnectionDelayMax).
//
// Environment: URL (default http://127.0.0.1:3000), SOCKETIO_PATH (default /socket.io/), RECONNECTION_DELAY_MS
// (default 1000), RECONNECTION_DELAY_MAX_MS (default 5000) — socket.io-client's own defaults.
const { io } = require('socket.io-client');

const url = process.env.URL || 'http://127.0.0.1:3000';
const path = process.env.SOCKETIO_PATH || '/socket.io/';
const reconnectionDelay = Number(process.env.RECONNECTION_DELAY_MS || 1000);
const reconnectionDelayMax = Number(process.env.RECONNECTION_DELAY_MAX_MS || 5000);

const socket = io(url, { path, transports: ['websocket'], reconnectionDelay, reconnectionDelayMax });

socket.on('connect', () => console.log(`connected ${socket.id}`));
socket.on('disconnect', (reason) => console.log(`disconnected: ${reason}`));
socket.io.on('reconnect_attempt', (attempt) => console.log(`reconnect attempt ${attempt}`));

process.on('SIGTERM', () => {
  socket.close();
  process.exit(0);
});
