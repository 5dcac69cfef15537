"""Times Paho's keep alive against a raw MQTT 3.1.1 broker on loopback (how docs/corpus-java-mqtt.md's bound was
checked).

Usage: python3 paho_timing.py [ROUNDS] [KEEP_ALIVE_S]   (after mvn -B -q -f examples/java-mqtt/pom.xml package)

Listens on a free loopback port and starts `sh run.sh PahoClient 127.0.0.1 PORT` with KEEP_ALIVE_MS = K. On each
connection it answers CONNECT with CONNACK and then a random number (1 to 3) of PINGREQs with PINGRESP; then it goes
silent, keeping the socket open (a half-open link as the client sees it) and waits for the client's FIN. Prints, per
round, how long after the last PINGRESP the client closed and how long after that it connected again. With K = 3 s
every close falls between 2K (6 s: the ping tick that finds the PINGREQ unanswered) and 2K + 1.1 s (Paho's receiver
thread notices the stop only at its next 1 s socket read timeout, polled every 100 ms).
"""
import os
import socket
import subprocess
import sys
import random
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def read_packet(conn):
    first = conn.recv(1)
    if not first:
        return None
    length, shift = 0, 0
    while True:
        b = conn.recv(1)[0]
        length += (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            break
    body = b""
    while len(body) < length:
        chunk = conn.recv(length - len(body))
        if not chunk:
            return None
        body += chunk
    return first[0] >> 4


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    keep_alive = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    env = dict(os.environ, KEEP_ALIVE_MS=str(keep_alive * 1000), MAX_RECONNECT_DELAY_MS="4000")
    client = subprocess.Popen(["sh", os.path.join(HERE, "run.sh"), "PahoClient", "127.0.0.1", str(port)], env=env,
                              stderr=subprocess.DEVNULL)
    closes = []
    try:
        closed_at = None
        for n in range(rounds):
            conn, _ = listener.accept()
            accepted = time.monotonic()
            with conn:
                assert read_packet(conn) == 1  # CONNECT
                conn.sendall(b"\x20\x02\x00\x00")  # CONNACK accepted
                last = time.monotonic()
                for _ in range(random.randint(1, 3)):
                    if read_packet(conn) != 12:  # PINGREQ
                        raise SystemExit("expected PINGREQ")
                    conn.sendall(b"\xd0\x00")  # PINGRESP
                    last = time.monotonic()
                while True:  # silent from now on: read (and drop) whatever comes, until the client's FIN
                    if read_packet(conn) is None:
                        break
                closed = time.monotonic() - last
            back = "" if closed_at is None else ", connected again %.3f s after its previous close" % (accepted - closed_at)
            closed_at = time.monotonic()
            closes.append(closed)
            print("round %d: closed %.3f s after the last PINGRESP%s" % (n + 1, closed, back), flush=True)
        print("K = %d s: min %.3f s, max %.3f s" % (keep_alive, min(closes), max(closes)))
    finally:
        client.terminate()
        client.wait()


if __name__ == "__main__":
    main()
