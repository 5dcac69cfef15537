'use strict';
// A Socket.IO 4 server with Engine.IO's own heartbeat, configured as a deployment would: it pings every pingInterval
// and closes a client whose pong is not back within pingTimeout (engine.io/build/socket.js: schedulePing,
// resetPingTimeout). Its next ping is scheduled pingInterval after each pong, so its period is pingInterval plus a
// round trip, and a dead client is closed at most pingInterval + pingTimeout after the last pong.
//
// Environment: PORT, HOST (default 127.0.0.1), SOCKETIO_PATH (default /socket.io/), PING_INTERVAL_MS (default 25000),
// PING_TIMEOUT_MS (default 20000) — socket.io's own defaults.
const { createServer } = require('http');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const path = process.env.SOCKETIO_PATH || '/socket.io/';
const pingInterval = Number(process.env.PING_INTERVAL_MS || 25000);
const pingTimeout = Number(process.env.PING_TIMEOUT_MS || 20000);

const httpServer = createServer();
const io = new Server(httpServer, { path, pingInterval, pingTimeout, transports: ['websocket', 'polling'] });

io.on('connection', (socket) => {
  console.log(`connected ${socket.id}`);
  socket.on('echo', (message) => socket.emit('echo', message));
  socket.on('disconnect', (reason) => console.log(`disconnected ${socket.id}: ${reason}`));
});

httpServer.listen(port, host, () => {
  console.log(`listening on ${host}:${port}${path}, pingInterval ${pingInterval} ms, pingTimeout ${pingTimeout} ms`);
});

process.on('SIGTERM', () => io.close(() => process.exit(0)));
