"""A Web API client that keeps its connections open: one per thread and host, reused call after call.

slack_sdk's synchronous `WebClient` sends every call through `urlopen`, which opens a
new connection each time (against slack.com, a new TLS handshake) and closes it after
one response. evalbot posts an answer for every mention and DM, so it reuses the
connection instead. Only the transport changes: slack_sdk still builds the request,
applies the retry handlers and parses the response, and this class hands it the same
things `urlopen` would (an `HTTPError` for a non-2xx status, a `URLError` when the
server cannot be reached).

- Each thread has its own connections (an `http.client` connection is not thread-safe).
- A reused connection the server has closed meanwhile (idle timeout) is replaced and
  the call sent once more; a failure on a fresh connection is the caller's to retry.
- A forked worker starts with no connections: sharing the parent's sockets would mix
  two processes' requests on one stream.
- With a proxy configured, or for a redirect, slack_sdk's own `urlopen` path is used.
"""

import http.client
import io
import os
import ssl
import threading
import weakref
from functools import partial
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request

from slack_sdk import WebClient

# The server closed a kept connection before answering: safe to send again on a new one.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, ConnectionAbortedError)


class KeepAliveWebClient(WebClient):
    """`WebClient` with per-thread keep-alive connections (same arguments as `WebClient`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._local = threading.local()
        self._tls: ssl.SSLContext | None = self.ssl
        os.register_at_fork(after_in_child=partial(_forget_connections, weakref.ref(self)))

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict:
        parts = urlsplit(url)
        if self.proxy is not None or parts.scheme not in ("http", "https") or not parts.hostname:
            return super()._perform_urllib_http_request_internal(url, req)
        key = (parts.scheme, parts.hostname, parts.port)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = dict(req.header_items())
        connection, reused = self._connection(key)
        try:
            response = self._exchange(connection, path, req.data, headers)
        except _STALE:
            self._drop(key)
            if not reused:
                raise
            connection, _ = self._connection(key)
            response = self._exchange(connection, path, req.data, headers)
        except BaseException:
            self._drop(key)
            raise
        status, reason, message, body = response
        if 300 <= status < 400:
            return super()._perform_urllib_http_request_internal(url, req)  # urllib follows redirects
        if not 200 <= status < 300:
            raise HTTPError(url, status, reason, message, io.BytesIO(body))
        if message.get_content_type() == "application/gzip":
            return {"status": status, "headers": message, "body": body}
        return {"status": status, "headers": message, "body": body.decode(message.get_content_charset() or "utf-8")}

    def _exchange(self, connection: http.client.HTTPConnection, path: str, data, headers: dict) -> tuple:
        """Send one request and read the whole response: (status, reason, headers, body bytes)."""
        try:
            connection.request("POST", path, body=data, headers=headers)
        except _STALE:
            raise
        except OSError as e:  # as urlopen reports it: refused, unreachable, DNS, TLS
            raise URLError(e) from e
        response = connection.getresponse()
        body = response.read()
        if response.will_close:
            connection.close()
        return response.status, response.reason, response.msg, body

    def _connection(self, key: tuple) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's connection for `key`, and whether it was used before."""
        connections = self._connections()
        connection = connections.get(key)
        if connection is not None and connection.sock is not None:
            return connection, True
        scheme, host, port = key
        if scheme == "https":
            if self._tls is None:
                self._tls = ssl.create_default_context()  # what urlopen uses when given no context
            connection = http.client.HTTPSConnection(host, port, timeout=self.timeout, context=self._tls)
        else:
            connection = http.client.HTTPConnection(host, port, timeout=self.timeout)
        connections[key] = connection
        return connection, False

    def _drop(self, key: tuple) -> None:
        connection = self._connections().pop(key, None)
        if connection is not None:
            connection.close()

    def _connections(self) -> dict:
        connections = getattr(self._local, "connections", None)
        if connections is None:
            connections = self._local.connections = {}
        return connections


def _forget_connections(ref: "weakref.ref[KeepAliveWebClient]") -> None:
    client = ref()
    if client is not None:
        client._local = threading.local()  # left to the parent, not closed: the sockets are shared
