#!/usr/bin/python3
"""An ssh ProxyCommand that relays standard input and output to HOST:PORT, holding back each chunk
in each direction for DELAY seconds (a round trip of twice DELAY), in order and without a limit on
throughput: every chunk is stamped when it is read and written once its time has come, so a stream
keeps its rate and only arrives later. With --count FILE it writes "UP DOWN" there when it ends:
the bytes read from ssh (towards HOST) and from HOST (towards ssh), ssh's framing included.

    ssh -o ProxyCommand='bench/delay-proxy.py --delay 0.025 --count bytes.txt %h %p' ...
"""
import argparse
import collections
import os
import signal
import socket
import sys
import threading
import time

CHUNK = 1 << 16


class Direction:
    """One way through the proxy: a reader that stamps chunks, a writer that releases them late."""

    def __init__(self, read, write, finish, delay):
        self.read, self.write, self.finish, self.delay = read, write, finish, delay
        self.queue = collections.deque()
        self.ready = threading.Condition()
        self.bytes = 0
        self.done = threading.Event()

    def start(self):
        threading.Thread(target=self.reader, daemon=True).start()
        threading.Thread(target=self.writer, daemon=True).start()

    def reader(self):
        while True:
            try:
                data = self.read(CHUNK)
            except OSError:
                data = b""
            self.bytes += len(data)
            with self.ready:
                self.queue.append((time.monotonic() + self.delay, data))
                self.ready.notify()
            if not data:
                return

    def writer(self):
        try:
            while True:
                with self.ready:
                    while not self.queue:
                        self.ready.wait()
                    due, data = self.queue.popleft()
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                if not data:
                    break
                view = memoryview(data)
                while view:
                    sent = self.write(view)
                    view = view[sent:]
        except OSError:
            pass
        finally:
            try:
                self.finish()
            except OSError:
                pass
            self.done.set()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.025, help="seconds each direction is held back (default 0.025)")
    parser.add_argument("--count", help="file to write 'UP DOWN' byte counts to at the end")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    args = parser.parse_args()

    connection = socket.create_connection((args.host, args.port))
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    stdin, stdout = sys.stdin.fileno(), sys.stdout.fileno()
    up = Direction(lambda n: os.read(stdin, n), connection.send, lambda: connection.shutdown(socket.SHUT_WR), args.delay)
    down = Direction(connection.recv, lambda view: os.write(stdout, view), lambda: os.close(stdout), args.delay)

    def report(*_):
        if args.count:
            with open(args.count, "w") as out:
                out.write(f"{up.bytes} {down.bytes}\n")
        os._exit(0)

    # ssh hangs up its proxy when it is done: the counts are written then too.
    for number in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(number, report)
    up.start()
    down.start()
    while not (up.done.is_set() and down.done.is_set()):
        down.done.wait(0.2)
    report()


main()
