"""Call events from the command line: softphone hooks and ``tel:`` / ``callto:`` links.

Pure Python (no Qt, no SQLAlchemy): this runs on the hook's fast path, before
anything heavy is imported. Every refusal is a :class:`CallEventError` whose
text fits on one line, for ``callassist: …`` on stderr and exit status 2.
"""

from __future__ import annotations

import os
import unicodedata
from collections import namedtuple
from collections.abc import Sequence

INCOMING, ANSWERED, ENDED, SHOW = "incoming", "answered", "ended", "show"
KINDS = (INCOMING, ANSWERED, ENDED, SHOW)

# What softphones and PBXs write for different names of the same event.
_KIND_ALIASES = {
    "incoming": INCOMING, "ring": INCOMING, "ringing": INCOMING,
    "answered": ANSWERED, "answer": ANSWERED, "start": ANSWERED, "started": ANSWERED,
    "ended": ENDED, "end": ENDED, "hangup": ENDED,
}
URL_SCHEMES = ("tel:", "callto:", "sip:", "sips:")
# Caller IDs a phone shows instead of a number; not an error, just nothing to look up.
WITHHELD = frozenset({"anonymous", "unknown", "private", "restricted", "unavailable", "withheld"})

MAX_INPUT = 256  # raw argument, before decoding: a 5 kB "number" is refused unread
MAX_DIGITS = 20  # E.164 allows 15, plus an international prefix and an extension
MIN_DIGITS = 3
_SEPARATORS = set(" -./()")
# Global options the call forms accept anywhere on the line, and whether they take a value.
_GLOBAL_OPTIONS = {"--database": True, "--language": True, "--demo": False}
MAX_WIRE = 4096
_WIRE_TAG_V1 = "CA1"  # kind, number, withheld: what senders before event ids wrote
_WIRE_TAG = "CA2"  # the same, then the event id and the sender's deadline
_ID_CHARS = frozenset("0123456789abcdef")
# The receiver refuses an event with less than this left before its sender gives up:
# the answer must still reach the sender in time (see callassist.instance).
MIN_TIME_LEFT_S = 0.1
RECENT_IDS = 256  # ids of applied events remembered, to apply a repeated one only once


class CallEventError(ValueError):
    """A call event that cannot be used; the message is one line for the user."""


class CallEvent:
    """One event from the phone: immutable, compared by value.

    ``event_id`` and ``deadline`` say how it travels, not what the phone said, so they
    take no part in comparisons: the id is made once by the sending command (the same
    for every attempt to deliver it) and the deadline (wall-clock UTC epoch seconds) is
    when that sender gives up waiting for an answer. Both are None for an event read
    from the command line or sent by an older CallAssist.

    (A plain class, not a dataclass: see callassist.startup.)
    """

    __slots__ = ("kind", "number", "withheld", "event_id", "deadline")
    kind: str
    number: str | None  # normalised: ASCII digits, an optional leading +, separators
    withheld: bool  # the phone said "anonymous" (or similar) instead of a number
    event_id: str | None  # 32 lowercase hex digits (a uuid4)
    deadline: float | None

    def __init__(
        self,
        kind: str,
        number: str | None = None,
        withheld: bool = False,
        event_id: str | None = None,
        deadline: float | None = None,
    ) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "number", number)
        object.__setattr__(self, "withheld", withheld)
        object.__setattr__(self, "event_id", event_id)
        object.__setattr__(self, "deadline", deadline)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("CallEvent is immutable")

    def _key(self) -> tuple:
        return (self.kind, self.number, self.withheld)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CallEvent) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        extra = f", event_id={self.event_id!r}" if self.event_id else ""
        return f"CallEvent(kind={self.kind!r}, number={self.number!r}, withheld={self.withheld!r}{extra})"

    def with_delivery(self, event_id: str | None, deadline: float | None = None) -> CallEvent:
        """The same event, with the id and deadline of one delivery."""
        return CallEvent(self.kind, self.number, self.withheld, event_id, deadline)

    # Wire format: one ASCII line, "CA2<TAB>kind<TAB>number<TAB>withheld<TAB>id<TAB>deadline"
    # (deadline in decimal seconds since the epoch, UTC; id and deadline may be empty).
    # "CA1<TAB>kind<TAB>number<TAB>withheld", from older senders, is still read. A
    # normalised number never contains a tab; kept this plain so the hook's path imports
    # no json.
    def to_wire(self) -> bytes:
        deadline = "" if self.deadline is None else f"{self.deadline:.3f}"
        fields = (_WIRE_TAG, self.kind, self.number or "", "1" if self.withheld else "0",
                  self.event_id or "", deadline)
        return "\t".join(fields).encode("ascii") + b"\n"

    @classmethod
    def from_wire(cls, payload: bytes) -> CallEvent:
        """Read an event sent by another process, checking it as strictly as the command line."""
        if len(payload) > MAX_WIRE:
            raise CallEventError("message too long")
        try:
            fields = payload.decode("ascii").rstrip("\r\n").split("\t")
        except UnicodeDecodeError:
            raise CallEventError("not a call event") from None
        if not (len(fields) == 4 and fields[0] == _WIRE_TAG_V1 or len(fields) == 6 and fields[0] == _WIRE_TAG):
            raise CallEventError("not a call event")
        if fields[1] not in KINDS or fields[3] not in ("0", "1"):
            raise CallEventError("not a call event")
        event_id, deadline = (fields[4], fields[5]) if len(fields) == 6 else ("", "")
        if event_id and not (len(event_id) == 32 and set(event_id) <= _ID_CHARS):
            raise CallEventError("not a call event (bad event id)")
        number = normalise_number(fields[2]) if fields[2] else None
        return cls(fields[1], number, fields[3] == "1", event_id or None, _deadline(deadline))

    def describe(self) -> str:
        return f"{self.kind} {self.number or ('withheld' if self.withheld else '-')}"


def _deadline(text: str) -> float | None:
    if not text:
        return None
    if len(text) > 32 or not set(text) <= set("0123456789.") or text.count(".") > 1:
        raise CallEventError("not a call event (bad deadline)")
    return float(text)


def new_event_id() -> str:
    """A fresh event id: a random (version 4) UUID as 32 hex digits.

    Made from os.urandom rather than with the uuid module, whose import (it loads
    platform) costs the hook about 5 ms; the bits set are uuid4's.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw.hex()


# What EventGate.admit decides for an event that reached the running window.
APPLY, LATE, REPEATED = "apply", "late", "repeated"


class EventGate:
    """Delivered once or not at all: which received events the running window applies.

    An event whose sender has given up (or will before an answer could reach it) is
    refused, so a hook that reported failure never has its event applied later; an
    event whose id was already applied is answered "ok" again but not applied twice.
    ``clock`` returns wall-clock epoch seconds (the deadline is the sender's wall clock,
    on the same machine).
    """

    def __init__(self, clock=None, remember: int = RECENT_IDS) -> None:
        import time

        self._clock = clock or time.time
        self._remember = remember
        self._applied: dict[str, None] = {}  # insertion-ordered: the oldest goes first

    def admit(self, event: CallEvent) -> str:
        """APPLY, LATE or REPEATED; nothing is remembered until :meth:`applied`."""
        if event.event_id is not None and event.event_id in self._applied:
            return REPEATED
        if event.deadline is not None and self._clock() > event.deadline - MIN_TIME_LEFT_S:
            return LATE
        return APPLY

    def applied(self, event: CallEvent) -> None:
        """Remember the event's id (the sender has been told "ok")."""
        if event.event_id is None:
            return
        self._applied[event.event_id] = None
        while len(self._applied) > self._remember:
            del self._applied[next(iter(self._applied))]


def _shown(text: str, limit: int = 32) -> str:
    """The user's input quoted for an error line: short, escaped, never multi-line."""
    short = text if len(text) <= limit else text[:limit] + "…"
    return ascii(short) if not short.isprintable() else repr(short)


def normalise_number(raw: str) -> str:
    """A phone number as given by a phone or a link, made plain, or CallEventError.

    Unicode digits (Arabic-Indic, full-width, …) become ASCII digits; spaces,
    dashes, dots, slashes and brackets are kept as visual separators; a leading
    ``+`` is kept. Anything else (letters, quotes, ``;``) is refused.
    """
    if len(raw) > MAX_INPUT:
        raise CallEventError(f"the phone number is too long ({len(raw)} characters; a number has at most {MAX_DIGITS} digits)")
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        raise CallEventError("no phone number given")
    out: list[str] = []
    for position, ch in enumerate(text):
        if ch.isdigit():
            try:
                out.append(str(unicodedata.digit(ch)))
            except ValueError:  # superscripts and the like are "digits" with no decimal value
                raise CallEventError(f"not a phone number: {_shown(raw)} contains {ascii(ch)}") from None
        elif ch == "+" and position == 0:
            out.append(ch)
        elif not ch.isprintable():
            raise CallEventError(f"not a phone number: {_shown(raw)} contains control characters")
        elif ch in _SEPARATORS or ch.isspace():
            out.append(" " if ch.isspace() else ch)
        elif ch.isalpha():
            raise CallEventError(f"not a phone number: {_shown(raw)} contains letters")
        else:
            raise CallEventError(
                f"not a phone number: {_shown(raw)} contains {ch!r} "
                "(only digits, a leading +, spaces and - . / ( ) are allowed)"
            )
    number = " ".join("".join(out).split())
    digits = sum(c.isdigit() for c in number)
    if digits < MIN_DIGITS:
        raise CallEventError(f"not a phone number: {_shown(raw)} has fewer than {MIN_DIGITS} digits")
    if digits > MAX_DIGITS:
        raise CallEventError(f"not a phone number: {_shown(raw)} has more than {MAX_DIGITS} digits")
    return number


def number_from_url(url: str) -> str:
    """The number in ``tel:+39-055-1234567;ext=2``, ``callto://+39%20055…`` or ``sip:055…@pbx``."""
    if len(url) > MAX_INPUT * 3:  # percent-encoding triples the length; refuse before decoding
        raise CallEventError(f"the link is too long ({len(url)} characters)")
    from urllib.parse import (
        unquote,  # only links need it; keeps the hook's imports small
    )

    scheme, _, rest = url.partition(":")
    rest = rest.removeprefix("//")
    if scheme.lower() in ("sip", "sips"):
        rest = rest.split("@", 1)[0]
    # RFC 3966 parameters (;ext=, ;phone-context=) and any query are not part of the number.
    rest = rest.split("?", 1)[0].split(";", 1)[0].rstrip("/")
    try:
        decoded = unquote(rest, errors="strict")
    except UnicodeDecodeError:
        raise CallEventError(f"not a phone number: {_shown(url)} is not valid text") from None
    if not decoded.strip():
        raise CallEventError(f"no phone number in the link {_shown(url)}")
    return normalise_number(decoded)


def is_call_url(text: str) -> bool:
    return text.lower().startswith(URL_SCHEMES)


def _number_or_withheld(raw: str) -> tuple[str | None, bool]:
    if raw.strip().lower() in WITHHELD:
        return None, True
    if is_call_url(raw.strip()):
        return number_from_url(raw.strip()), False
    return normalise_number(raw), False


def event_from_words(words: Sequence[str]) -> CallEvent:
    """``incoming NUMBER`` / ``answered NUMBER`` / ``ended [NUMBER]`` (the words after ``call``)."""
    if not words:
        raise CallEventError("call: say which event: incoming NUMBER, answered NUMBER or ended [NUMBER]")
    kind = _KIND_ALIASES.get(words[0].strip().lower())
    if kind is None:
        raise CallEventError(
            f"call: unknown event {_shown(words[0])}: use incoming, answered or ended"
        )
    if len(words) > 2:
        raise CallEventError(f"call {kind}: one phone number only (put it in quotes if it has spaces)")
    raw = words[1] if len(words) == 2 else ""
    if kind == ENDED and not raw.strip():
        return CallEvent(ENDED)  # some phones have no number at hang-up; the running call ends
    if not raw.strip():
        raise CallEventError(f"call {kind}: no phone number given")
    number, withheld = _number_or_withheld(raw)
    return CallEvent(kind, number, withheld)


def event_from_url(url: str) -> CallEvent:
    """A clicked ``tel:`` / ``callto:`` link: open that customer, like an incoming call."""
    return CallEvent(INCOMING, number_from_url(url.strip()))


# options: the global options, for the usual argument parser; event: None when this
# is not a call form (a plain launch or another command). A namedtuple, not typing's
# NamedTuple, to keep the hook's imports small.
SplitArgv = namedtuple("SplitArgv", "options event is_call")


def split_argv(argv: Sequence[str]) -> SplitArgv:
    """Take a call event out of the command line, leaving the global options.

    Recognises ``[options] call KIND [NUMBER] [options]`` and ``[options] tel:…``
    (or ``callto:``, ``sip:``). Anything else is returned untouched for argparse.
    Raises CallEventError for a call form that is wrong.
    """
    argv = list(argv)
    options: list[str] = []
    words: list[str] = []
    first: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        name = arg.split("=", 1)[0]
        if name in _GLOBAL_OPTIONS:  # accepted before and after the call words
            options.append(arg)
            if _GLOBAL_OPTIONS[name] and "=" not in arg and i + 1 < len(argv):
                options.append(argv[i + 1])
                i += 1
        elif first is None and arg.startswith("-"):
            options.append(arg)  # --help, --version: argparse answers them
        elif first is None:
            first = arg
            if not (arg == "call" or is_call_url(arg)):
                return SplitArgv(argv, None, False)  # another command: argparse's job
        else:
            words.append(arg)
        i += 1
    if first is None:
        return SplitArgv(options, None, False)
    if any(w in ("-h", "--help") for w in words):
        return SplitArgv(argv, None, False)  # let argparse print the help of "call"
    if first == "call":
        return SplitArgv(options, event_from_words(words), True)
    if words:
        raise CallEventError(f"unexpected {_shown(words[0])} after the link")
    return SplitArgv(options, event_from_url(first), True)
