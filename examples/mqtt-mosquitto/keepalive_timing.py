"""Times mosquitto's keep alive against raw MQTT 3.1.1 clients on loopback (how docs/corpus-mqtt.md's bound was checked).

Usage: python3 keepalive_timing.py PORT [KEEP_ALIVE_S]   (with mosquitto already listening on 127.0.0.1:PORT)

Opens 20 connections 0.37 s apart, so that their last packets fall at every phase of mosquitto's 6 s keep alive check;
each sends CONNECT (clean session, Keep Alive K), reads CONNACK, then stays silent. Prints how long after CONNACK the
broker closed each one. With K = 3 every close falls in (4 s, 10.1 s]: more than floor(1.5 K) whole seconds of
silence, then up to 5 s until the next check and 0.1 s until the main loop wakes.
"""
import socket
import struct
import sys
import threading
import time


def silent_client(port, keep_alive, index, delay, results):
    time.sleep(delay)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        client_id = b"timing%d" % index
        body = b"\x00\x04MQTT\x04\x02" + struct.pack(">H", keep_alive) + struct.pack(">H", len(client_id)) + client_id
        sock.sendall(bytes([0x10, len(body)]) + body)
        sock.recv(4)  # CONNACK: the last packet either side sends
        connected = time.monotonic()
        while sock.recv(16):
            pass
        results.append((delay, time.monotonic() - connected))


def main():
    port = int(sys.argv[1])
    keep_alive = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    results = []
    threads = [threading.Thread(target=silent_client, args=(port, keep_alive, i, i * 0.37, results)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for delay, closed in sorted(results):
        print("connected +%.2f s: closed %.3f s after CONNACK" % (delay, closed))
    print("min %.3f s, max %.3f s" % (min(c for _, c in results), max(c for _, c in results)))


if __name__ == "__main__":
    main()
