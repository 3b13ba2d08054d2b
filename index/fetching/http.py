"""Provides Client: the one door to the network. Timeouts, retries with backoff on 429 and
5xx (honouring Retry-After), a user agent naming paperbrowse, a cap on answer sizes, and
every failure turned into a FetchError that reads as one line."""

from __future__ import annotations

import email.utils
import json
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

USER_AGENT = "paperbrowse/0.1.0 (a terminal browser for paper lists; +https://pypi.org/)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
"""Seconds without a byte of the answer before giving up (`$PAPERBROWSE_TIMEOUT`)."""
MAX_BYTES = 32 * 1024 * 1024
"""An answer larger than this is cut and reported (no page of papers comes near it)."""
ATTEMPTS = 4
"""Tries of one request when the server answers 429 or 5xx."""
BACKOFF = 1.0
"""Seconds before the first retry without Retry-After; doubled each time."""
MAX_RETRY_AFTER = 120.0
"""A Retry-After longer than this is reported instead of waited for."""

ENV_TIMEOUT = "PAPERBROWSE_TIMEOUT"


class FetchError(Exception):
    """A fetch that failed: `source` (hf, arxiv, openreview) and what happened, one line."""

    def __init__(self, source: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        self.status = status


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _read_timeout() -> float:
    try:
        return float(os.environ.get(ENV_TIMEOUT, "") or READ_TIMEOUT)
    except ValueError:
        return READ_TIMEOUT


def _looks_like_html(body: bytes, content_type: str) -> bool:
    head = body[:512].lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html"))


class Client:
    """An HTTP client for one source; use as a context manager (it holds connections)."""

    def __init__(
        self,
        source: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.source = source
        self.max_bytes = max_bytes
        self.requests = 0
        """Requests sent, retries included."""
        self._sleep = sleep
        self.read_timeout = _read_timeout()
        self._http = httpx.Client(
            timeout=httpx.Timeout(self.read_timeout, connect=CONNECT_TIMEOUT),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fail(self, message: str, status: int | None = None) -> FetchError:
        return FetchError(self.source, message, status)

    def get(self, url: str, params: Mapping[str, Any] | None = None, expect: str = "JSON") -> bytes:
        """The body of a 200 answer to GET url?params. Retries 429 and 5xx; a FetchError
        for anything else that is not a body of `expect` (JSON or XML): an HTML page, an
        HTTP error, a dropped or refused connection, a timeout, an answer over the cap."""
        delay = BACKOFF
        for attempt in range(1, ATTEMPTS + 1):
            status, headers, body = self._once(url, params)
            if status == 429 or 500 <= status < 600:
                wait = _retry_after(headers.get("retry-after"))
                if wait is not None and wait > MAX_RETRY_AFTER:
                    raise self.fail(f"HTTP {status}; the server asks to retry after {wait:.0f} s")
                if attempt == ATTEMPTS:
                    raise self.fail(
                        f"HTTP {status} {_reason(status)} after {ATTEMPTS} tries", status
                    )
                self._sleep(delay if wait is None else wait)
                delay *= 2
                continue
            if status != 200:
                raise self.fail(f"HTTP {status} {_reason(status)} for {url}", status)
            if _looks_like_html(body, headers.get("content-type", "")):
                raise self.fail(f"the server answered with an HTML page, not {expect}", status)
            if not body.strip():
                raise self.fail(f"the server answered with nothing, not {expect}", status)
            return body
        raise AssertionError("unreachable")

    def json(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        """The decoded JSON of a GET; malformed or truncated JSON is a FetchError."""
        body = self.get(url, params, "JSON")
        try:
            return json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise self.fail("the answer is not UTF-8 text, not JSON") from None
        except json.JSONDecodeError as error:
            ended = error.pos >= len(body.rstrip()) or error.msg.startswith("Unterminated")
            kind = "truncated" if ended else "malformed"
            where = f"line {error.lineno}, column {error.colno}"
            raise self.fail(f"{kind} JSON in the answer ({error.msg}; {where})") from None

    def xml(self, url: str, params: Mapping[str, Any] | None = None) -> Any:
        """The parsed XML root of a GET; malformed or truncated XML, or a document type
        (entities are how XML bombs work), is a FetchError."""
        from xml.etree import ElementTree

        body = self.get(url, params, "XML")
        if b"<!DOCTYPE" in body[:4096].upper() or b"<!ENTITY" in body.upper():
            raise self.fail("the XML answer declares a document type; refused")
        try:
            return ElementTree.fromstring(body)
        except ElementTree.ParseError as error:
            kind = (
                "truncated"
                if "no element found" in str(error) or "unclosed" in str(error)
                else "malformed"
            )
            raise self.fail(f"{kind} XML in the answer ({error})") from None

    def _once(
        self, url: str, params: Mapping[str, Any] | None
    ) -> tuple[int, Mapping[str, str], bytes]:
        self.requests += 1
        try:
            with self._http.stream("GET", url, params=params) as response:
                too_big = self.fail(
                    f"the answer passed {_size(self.max_bytes)} and was cut "
                    "(a page of papers is far smaller)"
                )
                announced = response.headers.get("content-length", "")
                if announced.isdigit() and int(announced) > self.max_bytes:
                    raise too_big  # said before a byte of it is read
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise too_big
                    chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.ConnectTimeout:
            raise self.fail(
                f"no connection to {_host(url)} within {CONNECT_TIMEOUT:.0f} s"
            ) from None
        except httpx.TimeoutException:
            raise self.fail(
                f"{_host(url)} sent nothing for {self.read_timeout:g} s; gave up"
            ) from None
        except httpx.ConnectError as error:
            raise self.fail(f"cannot connect to {_host(url)} ({_why(error)})") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise self.fail(
                f"the connection to {_host(url)} broke before the whole answer came ({_why(error)})"
            ) from None
        except httpx.InvalidURL as error:
            raise self.fail(f"invalid URL {url}: {error}") from None
        except httpx.HTTPError as error:
            raise self.fail(f"{type(error).__name__}: {_why(error)}") from None


def _size(count: int) -> str:
    mib = 1024 * 1024
    return f"{count // mib} MB" if count >= mib else f"{count:,} bytes"


def _host(url: str) -> str:
    try:
        return httpx.URL(url).netloc.decode("ascii", "replace") or url
    except Exception:
        return url


def _why(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the name does not resolve: offline?"
    if "Connection refused" in text:
        return "connection refused"
    return text.splitlines()[0][:200]


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
