"""Times Moquette's keep alive against raw MQTT 3.1.1 clients on loopback (how docs/corpus-java-mqtt.md's bound was
checked).

Usage: python3 keepalive_timing.py PORT   (with the broker already listening on 127.0.0.1:PORT:
                                           sh run.sh MoquetteBroker PORT)

For each Keep Alive K in 1..4 s, opens 6 connections 0.37 s apart; each sends CONNECT (clean session, Keep Alive K),
reads CONNACK, optionally sends one PINGREQ 1.3 s later (and reads the PINGRESP), then stays silent. Prints how long
after the client's last packet the broker closed each one: round(1.5 K) whole seconds (Java's Math.round, halves up:
2, 3, 5, 6 s), at any phase.
"""
import socket
import struct
import sys
import threading
import time


def silent_client(port, keep_alive, ping, index, delay, results):
    time.sleep(delay)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        client_id = b"timing%d%d" % (keep_alive, index)
        body = b"\x00\x04MQTT\x04\x02" + struct.pack(">H", keep_alive) + struct.pack(">H", len(client_id)) + client_id
        sock.sendall(bytes([0x10, len(body)]) + body)
        sock.recv(4)  # CONNACK
        last = time.monotonic()
        if ping:
            time.sleep(1.3)
            sock.sendall(b"\xc0\x00")  # PINGREQ
            last = time.monotonic()
            sock.recv(2)  # PINGRESP
        while sock.recv(16):
            pass
        results.append((keep_alive, ping, delay, time.monotonic() - last))


def main():
    port = int(sys.argv[1])
    results = []
    threads = []
    for keep_alive in (1, 2, 3, 4):
        for i in range(6):
            ping = i % 2 == 1
            threads.append(threading.Thread(target=silent_client,
                                            args=(port, keep_alive, ping, i, i * 0.37, results)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for keep_alive, ping, delay, closed in sorted(results):
        print("K=%d s, connected +%.2f s%s: closed %.3f s after the last packet"
              % (keep_alive, delay, ", one PINGREQ" if ping else "", closed))
    for keep_alive in (1, 2, 3, 4):
        closes = [c for k, _, _, c in results if k == keep_alive]
        print("K=%d s: min %.3f s, max %.3f s" % (keep_alive, min(closes), max(closes)))


if __name__ == "__main__":
    main()
