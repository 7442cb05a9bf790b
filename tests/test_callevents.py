"""Call events from the command line: the forms softphones send, and every bad input."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callassist.callevents import (
    ANSWERED,
    APPLY,
    ENDED,
    INCOMING,
    LATE,
    MIN_TIME_LEFT_S,
    REPEATED,
    CallEvent,
    CallEventError,
    EventGate,
    new_event_id,
    normalise_number,
    split_argv,
)
from callassist.paths import chosen_database_url, database_url
from callassist.startup import quick_options as _quick_options


@pytest.mark.parametrize(
    ("argv", "event", "options"),
    [
        (["call", "incoming", "0551234567"], CallEvent(INCOMING, "0551234567"), []),
        (["--database", "x.db", "call", "answered", "+39 055 1234567"],
         CallEvent(ANSWERED, "+39 055 1234567"), ["--database", "x.db"]),
        (["call", "ended", "055-123 4567", "--database=x.db"],
         CallEvent(ENDED, "055-123 4567"), ["--database=x.db"]),
        (["call", "ended"], CallEvent(ENDED), []),
        (["call", "ended", ""], CallEvent(ENDED), []),
        (["call", "ring", "0551234567"], CallEvent(INCOMING, "0551234567"), []),
        (["tel:+39-055-1234567"], CallEvent(INCOMING, "+39-055-1234567"), []),
        (["TEL:+390551234567;ext=12"], CallEvent(INCOMING, "+390551234567"), []),
        (["tel:%2B39%20055%201234567"], CallEvent(INCOMING, "+39 055 1234567"), []),
        (["callto:+390551234567"], CallEvent(INCOMING, "+390551234567"), []),
        (["callto://+39%20055%201234567/"], CallEvent(INCOMING, "+39 055 1234567"), []),
        (["--language", "it", "sip:0551234567@pbx.local"], CallEvent(INCOMING, "0551234567"),
         ["--language", "it"]),
        (["call", "incoming", "tel:0551234567"], CallEvent(INCOMING, "0551234567"), []),
        (["call", "incoming", "anonymous"], CallEvent(INCOMING, None, withheld=True), []),
    ],
)
def test_call_forms(argv: list[str], event: CallEvent, options: list[str]) -> None:
    split = split_argv(argv)
    assert split.is_call
    assert split.event == event
    assert split.options == options


@pytest.mark.parametrize(
    "argv", [[], ["--demo"], ["export", "--format", "csv", "--output", "x"], ["--version"],
             ["call", "--help"]],
)
def test_other_command_lines_are_left_to_argparse(argv: list[str]) -> None:
    split = split_argv(argv)
    assert split.event is None and not split.is_call


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("٠٥٥١٢٣٤٥٦٧", "0551234567"),  # Arabic-Indic digits
        ("۰۵۵۱۲۳۴۵۶۷", "0551234567"),  # Extended Arabic-Indic (Persian)
        ("０５５ １２３４５６７", "055 1234567"),  # full-width
        ("＋39 055 1234567", "+39 055 1234567"),
        ("  (055) 123.45.67  ", "(055) 123.45.67"),
        ("055\u00a01234567", "055 1234567"),  # no-break space from a web page
    ],
)
def test_numbers_are_normalised(raw: str, expected: str) -> None:
    assert normalise_number(raw) == expected


BAD = {
    "empty": ["call", "incoming", ""],
    "blank": ["call", "incoming", "   "],
    "missing": ["call", "answered"],
    "5 kB": ["call", "incoming", "5" * 5000],
    "5 kB link": ["tel:" + "%35" * 1700],
    "letters": ["call", "incoming", "055ABC1234"],
    "only letters": ["call", "incoming", "Mario Rossi"],
    "sql": ["call", "incoming", "'; DROP TABLE customers; --"],
    "sql in link": ["tel:'; DROP TABLE customers; --"],
    "newline": ["call", "incoming", "055\n1234567"],
    "control": ["call", "incoming", "055\x001234567"],
    "too few digits": ["call", "incoming", "12"],
    "too many digits": ["call", "incoming", "1" * 30],
    "plus inside": ["call", "incoming", "055+1234567"],
    "empty link": ["tel:"],
    "bad utf-8 in link": ["tel:%ff%fe"],
    "skype name": ["callto:mario.rossi"],
    "no event": ["call"],
    "unknown event": ["call", "ringring", "0551234567"],
    "two numbers": ["call", "incoming", "055", "1234567"],
    "after link": ["tel:0551234567", "extra"],
}


@pytest.mark.parametrize("argv", BAD.values(), ids=BAD.keys())
def test_bad_input_is_refused_with_one_line(argv: list[str]) -> None:
    with pytest.raises(CallEventError) as info:
        split_argv(argv)
    message = str(info.value)
    assert message and "\n" not in message and len(message) < 200


@pytest.mark.parametrize("argv", [BAD["empty"], BAD["5 kB"], BAD["letters"], BAD["sql"]],
                         ids=["empty", "5 kB", "letters", "sql"])
def test_bad_input_exits_2_with_one_line_on_stderr(argv: list[str], tmp_path) -> None:
    """Through the real command: exit status 2, one line on stderr, no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "callassist", "--database", str(tmp_path / "db.sqlite3"), *argv],
        capture_output=True, text=True, timeout=30, env=os.environ.copy(),
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("callassist: "), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "db.sqlite3").exists()  # refused before anything was opened


@given(st.text(max_size=60))
def test_any_text_is_a_number_or_a_clear_refusal(text: str) -> None:
    try:
        number = normalise_number(text)
    except CallEventError as exc:
        assert "\n" not in str(exc)
    else:
        assert number.isascii() and number == number.strip()
        assert set(number) <= set("0123456789+ -./()")
        assert "+" not in number[1:]
        assert 3 <= sum(c.isdigit() for c in number) <= 20


@given(st.sampled_from([INCOMING, ANSWERED, ENDED]), st.from_regex(r"\+?[0-9]{2}[0-9 ]{0,13}[0-9]", fullmatch=True),
       st.booleans())
def test_wire_round_trip(kind: str, number: str, withheld: bool) -> None:
    event = CallEvent(kind, normalise_number(number), withheld)
    assert CallEvent.from_wire(event.to_wire()) == event


@pytest.mark.parametrize(
    "payload",
    [b"", b"hello\n", b"CA1\tincoming\t'; DROP\t0\n", b"CA1\tdelete\t055123\t0\n",
     b"CA1\tincoming\t055123\n", b"CA1\tincoming\t\xff\t0\n", b"x" * 10000],
)
def test_wire_rejects_anything_else(payload: bytes) -> None:
    with pytest.raises(CallEventError):
        CallEvent.from_wire(payload)


@pytest.mark.parametrize("raw", ["db.sqlite3", "~/x/../db.sqlite3", "sqlite:///tmp/x.db",
                                 "postgresql://u@h/db"])
def test_quick_database_url_matches_the_full_one(raw: str) -> None:
    from callassist.instance import instance_key

    quick = _quick_options(["--database", raw])
    assert quick is not None
    assert instance_key(chosen_database_url(quick.get("--database"))) == instance_key(database_url(raw))


def test_quick_reading_leaves_odd_options_to_argparse() -> None:
    for argv in (["--demo"], ["--language", "fr"], ["--database"], ["--help"],
                 ["--database", "--language"], ["--version"], ["demo-data", "x"]):
        assert _quick_options(argv) is None, argv


@pytest.mark.parametrize("argv", [[], ["--database", "x.db"], ["--language", "it"],
                                  ["--database=x.db", "--language=en"], ["--database="],
                                  ["--language", "en", "--language", "it"]])
def test_quick_reading_gives_what_argparse_gives(argv: list[str], tmp_path, monkeypatch) -> None:
    from callassist.cli import parse_args, resolve_database_url
    from callassist.instance import instance_key

    monkeypatch.setenv("CALLASSIST_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CALLASSIST_DATABASE_URL", raising=False)
    quick = _quick_options(argv)
    assert quick is not None
    full = parse_args(argv)
    assert quick.get("--language") == full.args.language
    assert full.command is None and not full.demo
    assert instance_key(chosen_database_url(quick.get("--database"))) == instance_key(
        resolve_database_url(full))


# ------------------------------------------------------- delivery: an id and a deadline


def test_the_wire_carries_the_id_and_the_deadline() -> None:
    event = CallEvent(ANSWERED, "0551234567").with_delivery(new_event_id(), 1764385393.25)
    back = CallEvent.from_wire(event.to_wire())
    assert back == event
    assert (back.event_id, back.deadline) == (event.event_id, 1764385393.25)
    plain = CallEvent.from_wire(CallEvent(ENDED).to_wire())  # neither: still a CA2 line
    assert (plain.event_id, plain.deadline) == (None, None)


def test_a_message_from_an_older_sender_is_still_accepted() -> None:
    event = CallEvent.from_wire(b"CA1\tanswered\t055 1234567\t0\n")
    assert event == CallEvent(ANSWERED, "055 1234567")
    assert (event.event_id, event.deadline) == (None, None)


@pytest.mark.parametrize(
    "payload",
    [b"CA2\tincoming\t055123\t0\tnot-hex\t1764385393.2\n",
     b"CA2\tincoming\t055123\t0\t" + b"A" * 32 + b"\t1764385393.2\n",  # ids are lowercase
     b"CA2\tincoming\t055123\t0\t" + b"a" * 31 + b"\t\n",
     b"CA2\tincoming\t055123\t0\t\tnan\n", b"CA2\tincoming\t055123\t0\t\t-1\n",
     b"CA2\tincoming\t055123\t0\t\t1e9\n", b"CA2\tincoming\t055123\t0\t\t1.2.3\n",
     b"CA2\tincoming\t055123\t0\n", b"CA1\tincoming\t055123\t0\t\t\n"],
)
def test_the_wire_refuses_a_bad_id_or_deadline(payload: bytes) -> None:
    with pytest.raises(CallEventError):
        CallEvent.from_wire(payload)


def test_event_ids_are_uuid4_hex_and_do_not_repeat() -> None:
    import uuid

    ids = {new_event_id() for _ in range(1000)}
    assert len(ids) == 1000
    for event_id in list(ids)[:50]:
        parsed = uuid.UUID(hex=event_id)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and parsed.hex == event_id


class _Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_the_gate_refuses_an_event_its_sender_gave_up_on() -> None:
    clock = _Clock(1000.0)
    gate = EventGate(clock)
    event = CallEvent(ANSWERED, "0551234567").with_delivery(new_event_id(), 1002.0)
    assert gate.admit(event) == APPLY
    clock.now = 1002.0 - MIN_TIME_LEFT_S - 0.001  # just enough time left for the answer
    assert gate.admit(event) == APPLY
    clock.now = 1002.0 - MIN_TIME_LEFT_S + 0.001  # the answer might arrive after it gave up
    assert gate.admit(event) == LATE
    clock.now = 5000.0  # a window frozen for an hour
    assert gate.admit(event) == LATE
    assert gate.admit(CallEvent(ANSWERED, "0551234567")) == APPLY  # no deadline: an older sender


def test_the_gate_applies_an_id_once_and_remembers_a_bounded_number() -> None:
    gate = EventGate(_Clock(0.0), remember=3)
    first = CallEvent(INCOMING, "0551234567").with_delivery(new_event_id(), 10.0)
    assert gate.admit(first) == APPLY
    assert gate.admit(first) == APPLY  # not applied yet (the "ok" may have failed): still welcome
    gate.applied(first)
    again = CallEvent(INCOMING, "0551234567").with_delivery(first.event_id, 12.0)  # a retry
    assert gate.admit(again) == REPEATED
    anonymous = CallEvent(INCOMING, "0551234567")
    gate.applied(anonymous)
    assert gate.admit(anonymous) == APPLY  # no id: nothing to recognise it by
    for _ in range(3):
        gate.applied(CallEvent(ENDED).with_delivery(new_event_id(), 10.0))
    assert gate.admit(first) == APPLY  # forgotten after 3 newer ones
