"""A fake Socket Mode server: a minimal WebSocket endpoint that sends envelopes and records the acks.

It accepts one connection after another (the client reconnects to the same URL), answers
pings, and can break the current connection the two ways real ones die: `drop()` closes
the TCP connection without a WebSocket close frame, `go_silent()` keeps it open but
never answers or sends again.
"""

import base64
import hashlib
import json
import socket
import struct
import threading
import time

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class FakeSocketMode:
    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.acks: list[dict] = []
        self.connections = 0
        self.connected = threading.Event()
        self._conn: socket.socket | None = None
        self._silent: set[socket.socket] = set()
        self._cond = threading.Condition()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.listener.getsockname()[1]}/link/?ticket=test"

    def close(self) -> None:
        self.listener.close()
        if self._conn:
            self._conn.close()

    def send(self, envelope: dict) -> None:
        self._send_frame(self._conn, 0x1, json.dumps(envelope).encode())

    def drop(self) -> None:
        """Close the current connection without a close frame, as a dead peer or a NAT timeout would."""
        conn = self._conn
        conn.shutdown(socket.SHUT_RDWR)
        conn.close()

    def go_silent(self) -> None:
        """Keep the current connection open, but never answer a ping (or anything) on it again."""
        with self._cond:
            self._silent.add(self._conn)

    def wait_connections(self, count: int, timeout: float) -> bool:
        """Whether the client had opened `count` connections (reconnects included) within `timeout` seconds."""
        with self._cond:
            return self._cond.wait_for(lambda: self.connections >= count, timeout)

    def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> dict | None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = next((a for a in self.acks if a.get("envelope_id") == envelope_id), None)
                left = deadline - time.monotonic()
                if found or left <= 0:
                    return found
                self._cond.wait(left)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(1024)
            if not chunk:
                return
            request += chunk
        key = next(
            line.split(":", 1)[1].strip()
            for line in request.decode().split("\r\n")
            if line.lower().startswith("sec-websocket-key")
        )
        accept = base64.b64encode(hashlib.sha1((key + _GUID).encode()).digest()).decode()
        conn.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        with self._cond:
            self._conn = conn
            self.connections += 1
            self._cond.notify_all()
        self.connected.set()
        self._read(conn)

    def _recv(self, conn: socket.socket, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def _read(self, conn: socket.socket) -> None:
        try:
            while True:
                first, second = self._recv(conn, 2)
                opcode, length = first & 0x0F, second & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self._recv(conn, 2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self._recv(conn, 8))[0]
                mask = self._recv(conn, 4) if second & 0x80 else b"\0\0\0\0"
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self._recv(conn, length)))
                if conn in self._silent:
                    continue
                if opcode == 0x9:
                    self._send_frame(conn, 0xA, payload)
                elif opcode == 0x8:
                    return
                elif opcode == 0x1:
                    with self._cond:
                        self.acks.append(json.loads(payload))
                        self._cond.notify_all()
        except (ConnectionError, OSError):
            return

    @staticmethod
    def _send_frame(conn: socket.socket, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([len(payload)])
        elif len(payload) < 65536:
            header += bytes([126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([127]) + struct.pack(">Q", len(payload))
        conn.sendall(header + payload)
