"""The rows of a demo database: realistic Italian customers and calls, made by one
``random.Random(seed)`` and counted from ``today``, never from the clock.

``DemoRows.write`` hands them, in chunks, to a writer: ``demo_data`` writes a SQLite
file, ``demo_data_pg`` a PostgreSQL database; both get exactly the same rows.
"""

from __future__ import annotations

import bisect
import random
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Protocol

from callassist.domain.method import Method
from callassist.domain.phones import parse_phone
from callassist.services import demo_data_text as words

PERIOD_DAYS = 730  # calls over the two years before `today`
CHUNK_CALLS = 10_000  # one writer call per chunk: ~50k rows with ticks and notes
CHUNK_CUSTOMERS = 50_000
OUTCOME_CUMULATIVE = ((0.60, "resolved"), (0.80, "follow_up"), (0.90, "escalated"), (1.0, "not_resolved"))
SITUATION_SHARE = 0.30
FEEDBACK_SHARE = 0.02
CALLS_PER_OPERATOR = 20_000  # a big centre has more operators: at least 8, one per 20k calls

# The tables' columns, in the order of the rows' fields (the writers name them).
COLUMNS = {
    "checklist_versions": ("version_id", "name", "version", "content_json", "created_at"),
    "operators": ("id", "name", "created_at"),
    "customers": ("id", "name", "phone", "phone_e164", "phone_search", "email", "company",
                  "pinned_facts", "created_at", "updated_at"),
    "calls": ("id", "customer_id", "operator_id", "checklist_version", "started_at", "ended_at",
              "duration_ms", "wrap_up_ms", "outcome", "follow_up_due", "steps_followed", "steps_total",
              "steps_missed"),
    "call_notes": ("call_id", "text", "updated_at"),
    "checklist_ticks": ("call_id", "step_key", "offset_ms", "ticked"),
    "call_situations": ("call_id", "situation_key", "offset_ms"),
    "feedback": ("call_id", "author", "text", "rating", "created_at"),
    "follow_ups_done": ("id", "call_id", "operator_id", "done_at", "note"),
}



# The ways people write a number (the same draws, in this order, as the rows were always made).
_MOBILE_STYLES = ("{p}{r}", "{p}-{r}", "+39{p}{r}", "{p} {head} {tail}", "+39 {p} {r}", "{p} {r}")
_LANDLINE_STYLES = ("{p}{r}", "+39 {p} {r}", "{p} {head} {tail}", "{p}-{r}", "({p}) {r}", "+39{p}{r}")


class DemoWriter(Protocol):
    """Where the rows go (fields in the order of ``COLUMNS``)."""

    def static(self, checklist_version: tuple, operators: list[tuple]) -> None: ...

    def customers(self, rows: list[tuple]) -> None: ...

    def calls(self, calls: list[tuple], notes: list[tuple], ticks: list[tuple],
              situations: list[tuple], feedback: list[tuple]) -> None: ...

    def move_follow_up(self, call_id: int, due: str) -> None:
        """Set an already written call's follow_up_due (ISO day)."""

    def follow_ups_done(self, rows: list[tuple]) -> None: ...


def operator_count(calls: int) -> int:
    """How many operators a demo database with ``calls`` calls has."""
    return max(len(words.OPERATOR_SKILL), calls // CALLS_PER_OPERATOR)


def _ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower() if c.isalnum())


def _wrap_up_ms(call_id: int, duration_ms: int, outcome: str) -> int:
    """A plausible wrap-up (choosing the outcome, finishing the notes): 10 s to 2 min,
    longer after longer calls and when something is still owed to the customer.

    Spread by the call's own numbers, not the random generator: every other value of
    the demo stays what the same seed always gave.
    """
    spread = (call_id * 2_654_435_761 + duration_ms) % 1000 / 1000  # 0 … 1, evenly
    base = 10_000 + 40_000 * spread ** 2 + duration_ms * 0.05
    if outcome != "resolved":
        base += 20_000
    return int(min(base, 120_000))


def _rome_utc_offset_hours(day: date) -> int:
    """Italy's offset from UTC that day (EU summer time: last Sunday of March to October)."""

    def last_sunday(month: int) -> date:
        d = date(day.year, month, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    return 2 if last_sunday(3) <= day < last_sunday(10) else 1


class DemoRows:
    """Every row of a demo database, made in order by one ``random.Random(seed)`` and
    handed to a writer (``DemoWriter``) in chunks: the same seed and day give the same
    rows whatever the writer."""

    def __init__(self, rng: random.Random, method: Method, today: date, customers: int, calls: int) -> None:
        self.rng = rng
        self.today = today
        self.n_customers = customers
        self.n_calls = calls
        self.checklist = method.checklist
        self.version_id = method.checklist.version_id
        self.step_keys = method.checklist.keys
        known_situations = {s.key for s in method.situations}
        self.situations = [k for k in words.SITUATION_WEIGHTS if k in known_situations]
        self.situation_cum = _cumulative([words.SITUATION_WEIGHTS[k] for k in self.situations])
        self.topic_keys = [k for k, _ in words.TOPIC_WEIGHTS]
        self.topic_cum = _cumulative([w for _, w in words.TOPIC_WEIGHTS])
        self.start = today - timedelta(days=PERIOD_DAYS)  # day index 0
        # Day strings from well before the period (old customers) to after it (follow-ups).
        self._first_day = -400
        self.day_str = [
            (self.start + timedelta(days=i)).isoformat() for i in range(self._first_day, PERIOD_DAYS + 40)
        ]
        self.pre_customers = max(1, -(-customers * 4 // 10))  # 40% existed before the period
        self.operators = self._make_operators(operator_count(calls))
        # Operators beyond the first 8 repeat the same skill and share pattern.
        n_ops = len(self.operators)
        skills = [words.OPERATOR_SKILL[i % len(words.OPERATOR_SKILL)] for i in range(n_ops)]
        self.op_cum = _cumulative([words.OPERATOR_SHARE[i % len(words.OPERATOR_SHARE)] for i in range(n_ops)])
        # Pre-expanded text (placeholders filled once, so each note is just picks).
        self.topics = {k: self._expand(v) for k, v in words.TOPICS.items()}
        self.situation_text = {k: self._expand(v) for k, v in words.SITUATION_SENTENCES.items()}
        self.step_text = {k: self._expand(v) for k, v in words.STEP_SENTENCES.items()}
        self.step_prob = [
            [min(0.99, words.STEP_BASE.get(k, 0.7) * (0.55 + 0.5 * skill)) for k in self.step_keys]
            for skill in skills
        ]
        self.step_label = {s.key: s.label.it for s in self.checklist.steps}
        self.follow_up_recent: list[int] = []  # past-due follow-ups of the last 60 days
        self.follow_up_older: list[int] = []
        self.future_open = 0  # follow-ups due from today on and not done early
        self.last_follow_up: tuple[int, int] | None = None  # (call id, days overdue)
        self.follow_ups: list[tuple[int, int, str, int]] = []  # (call id, operator id, due, day index)

    def day(self, index: int) -> str:
        return self.day_str[index - self._first_day]

    # ----- static rows

    def _make_operators(self, count: int) -> list[tuple[int, str]]:
        rng = self.rng
        names: list[str] = []
        while len(names) < count:
            first = rng.choice(words.FEMALE if len(names) % 2 == 0 else words.MALE)
            name = f"{first} {rng.choice(words.SURNAMES)}"
            if name not in names and name not in words.SUPERVISORS:
                names.append(name)
        return list(enumerate(names, start=1))

    def write(self, writer: DemoWriter, report: Callable[[str], None]) -> None:
        """All the rows, in the order the random generator makes them."""
        writer.static(self._checklist_row(), self._operator_rows())
        self.write_customers(writer, report)
        self.write_calls(writer, report)
        self.write_follow_ups_done(writer)

    def _checklist_row(self) -> tuple:
        return (self.version_id, self.checklist.name, self.checklist.version, self.checklist.to_json(),
                f"{self.day(-1)} 07:00:00.000000")

    def _operator_rows(self) -> list[tuple]:
        return [
            (i, name, f"{self.day(-300 + i * 56 // len(self.operators))} 08:00:00.000000")
            for i, name in self.operators
        ]

    def _expand(self, templates: tuple[str, ...], variants: int = 8) -> list[str]:
        rng = self.rng
        out: list[str] = []
        for template in templates:
            if "{" not in template:
                out.append(template)
                continue
            for _ in range(variants):
                out.append(
                    template.format(
                        mese=rng.choice(words.MONTHS),
                        importo=f"{rng.randint(19, 480)},{rng.choice(('00', '50', '90', '99'))} €",
                        ordine=rng.randint(100000, 999999),
                        giorni=rng.randint(2, 12),
                        piano=rng.choice(words.PLANS),
                        alternativa=rng.choice(words.ALTERNATIVES),
                    )
                )
        return out

    # ----- customers

    def customer_created_day(self, index: int) -> int:
        """Day index of customer ``index`` (0-based): older ids first, 40% before the period."""
        pre = self.pre_customers
        if index < pre:
            return -365 + index * 365 // pre
        return (index - pre) * PERIOD_DAYS // max(1, self.n_customers - pre)

    def customers_before(self, day_index: int) -> int:
        """How many customers were created before this day (they can call on it)."""
        pre = self.pre_customers
        later = self.n_customers - pre
        if later <= 0:
            return pre
        return pre + min(later, (day_index * later + PERIOD_DAYS - 1) // PERIOD_DAYS)

    def _phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.55:  # mobile
            prefix = rng.choice(words.MOBILE)
            rest = f"{rng.randrange(10**7):07d}"
            styles = _MOBILE_STYLES
        else:
            prefix, length = rng.choice(words.LANDLINE)
            rest = f"{rng.randrange(10 ** (length - 1), 10**length)}"
            styles = _LANDLINE_STYLES
        return styles[rng.randrange(len(styles))].format(p=prefix, r=rest, head=rest[:3], tail=rest[3:])

    def _company(self, surname: str) -> str:
        rng = self.rng
        form = rng.choice(words.LEGAL_FORMS)
        r = rng.random()
        if r < 0.35:
            return f"{surname} {rng.choice(words.COMPANY_SECTORS)} {form}"
        if r < 0.55:
            return f"F.lli {surname} {form}"
        if r < 0.8:
            return f"{rng.choice(words.COMPANY_SECTORS)} {rng.choice(words.COMPANY_PLACES)} {form}"
        return f"{rng.choice(words.COMPANY_NAMES)} {form}"

    def _email(self, first: str, surname: str, company: str | None) -> str:
        rng = self.rng
        f, s = _ascii_slug(first), _ascii_slug(surname)
        style = rng.randrange(5)
        if style == 0:
            local = f"{f}.{s}"
        elif style == 1:
            local = f"{f[0]}.{s}"
        elif style == 2:
            local = f"{f}.{s}{rng.randint(60, 99)}"
        elif style == 3:
            local = f"{s}.{f}"
        else:
            local = f"{f}{s}{rng.randint(1, 999)}"
        if company and rng.random() < 0.75:
            name_words = company.split()[:-1]  # without srl/spa/…
            domain = _ascii_slug("".join(name_words).replace("F.lli", "fratelli")) or "azienda"
            return f"{local}@{domain}.it"
        return f"{local}@{rng.choice(words.FREE_MAIL)}"

    def _pinned(self, female: bool) -> str:
        rng = self.rng
        facts = rng.sample(words.PINNED, 2 if rng.random() < 0.25 else 1)
        return "\n".join(
            fact.format(
                chiamato="chiamata" if female else "chiamato",
                anno=rng.randint(2008, self.today.year - 1),
                cell=f"{rng.choice(words.MOBILE)} {rng.randrange(10**7):07d}",
                referente=f"{rng.choice(words.FEMALE + words.MALE)} {rng.choice(words.SURNAMES)}",
            )
            for fact in facts
        )

    def _customer_rows(self, first_index: int, count: int) -> Iterator[tuple]:
        rng = self.rng
        for index in range(first_index, first_index + count):
            female = rng.random() < 0.5
            first = rng.choice(words.FEMALE if female else words.MALE)
            surname = rng.choice(words.SURNAMES)
            company = self._company(surname) if rng.random() < 0.6 else None
            if rng.random() < 0.97:
                phone = parse_phone(self._phone())
                raw, e164, search = phone.raw, phone.e164, phone.search
            else:
                raw, e164, search = None, None, ""
            email = self._email(first, surname, company) if rng.random() < 0.9 else None
            pinned = self._pinned(female) if rng.random() < 0.15 else ""
            seconds = rng.randrange(7 * 3600, 17 * 3600)
            created = (
                f"{self.day(self.customer_created_day(index))} "
                f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000000"
            )
            yield (index + 1, f"{first} {surname}", raw, e164, search, email, company, pinned, created, created)

    def write_customers(self, writer: DemoWriter, report) -> None:
        for first in range(0, self.n_customers, CHUNK_CUSTOMERS):
            count = min(CHUNK_CUSTOMERS, self.n_customers - first)
            writer.customers(list(self._customer_rows(first, count)))
            report(f"customers: {first + count:,} of {self.n_customers:,}")

    # ----- calls

    def _calls_per_day(self) -> list[int]:
        """Exact call counts per day index: weekdays, more calls in recent months."""
        weights = []
        for i in range(PERIOD_DAYS):
            weekday = (self.start + timedelta(days=i)).weekday()
            factor = 1.0 if weekday < 5 else (0.3 if weekday == 5 else 0.0)
            weights.append(factor * (0.3 + 0.7 * (i + 1) / PERIOD_DAYS))
        total = sum(weights)
        exact = [self.n_calls * w / total for w in weights]
        counts = [int(x) for x in exact]
        missing = self.n_calls - sum(counts)
        order = sorted(range(PERIOD_DAYS), key=lambda i: (counts[i] - exact[i], i))
        for i in order[:missing]:
            counts[i] += 1
        return counts

    def _start_seconds(self, day_index: int, n: int) -> list[int]:
        """Sorted UTC seconds-of-day of n calls in Italian business hours."""
        rng = self.rng
        day = self.start + timedelta(days=day_index)
        shift = _rome_utc_offset_hours(day) * 3600
        if day.weekday() == 5:
            spans = ((9 * 3600, 12 * 3600 + 1800),)
        else:
            spans = ((8 * 3600 + 1800, 13 * 3600), (14 * 3600, 18 * 3600))
        out = []
        for _ in range(n):
            lo, hi = spans[0] if len(spans) == 1 or rng.random() < 0.5 else spans[1]
            out.append(rng.randrange(lo, hi) - shift)
        out.sort()
        return out

    def write_calls(self, writer: DemoWriter, report) -> None:
        buffers: tuple[list, list, list, list, list] = ([], [], [], [], [])

        def flush(done: int) -> None:
            writer.calls(*buffers)
            for b in buffers:
                b.clear()
            report(f"calls: {done:,} of {self.n_calls:,}")

        call_id = 0
        for day_index, n in enumerate(self._calls_per_day()):
            if not n:
                continue
            for seconds in self._start_seconds(day_index, n):
                call_id += 1
                self._call(call_id, day_index, seconds, buffers)
                if len(buffers[0]) >= CHUNK_CALLS:
                    flush(call_id)
        if buffers[0]:
            flush(call_id)

    def _call(self, call_id: int, day_index: int, seconds: int, buffers) -> None:
        rng = self.rng
        random_ = rng.random
        calls, notes, ticks, situations, feedback = buffers
        day = self.day(day_index)
        operator = bisect.bisect(self.op_cum, random_() * self.op_cum[-1])
        customer_id = 1 + int(self.customers_before(day_index) * random_() ** 1.3)

        minutes = rng.lognormvariate(1.8, 0.55)
        duration_ms = int(60_000 * min(25.0, max(1.0, minutes))) + rng.randrange(1000)
        duration_ms = min(duration_ms, 25 * 60_000)
        end_ms = seconds * 1000 + duration_ms
        started_at = f"{day} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000000"
        es = end_ms // 1000
        ended_at = f"{day} {es // 3600:02d}:{es // 60 % 60:02d}:{es % 60:02d}.{end_ms % 1000 * 1000:06d}"

        r = random_()
        outcome = next(o for limit, o in OUTCOME_CUMULATIVE if r < limit)
        due = None
        if outcome == "follow_up":
            due_index = day_index + rng.randint(1, 14)
            due = self.day(due_index)
            age = PERIOD_DAYS - due_index  # days before today
            if age > 0:
                (self.follow_up_recent if age <= 60 else self.follow_up_older).append(call_id)
            elif not self._done_early(call_id, day_index):
                self.future_open += 1
            self.last_follow_up = (call_id, age)
            self.follow_ups.append((call_id, operator + 1, due, day_index))

        # The steps: which were followed, when; the tick log may untick and retick.
        probs = self.step_prob[operator]
        keys = self.step_keys
        n_keys = len(keys)
        followed = [i for i in range(n_keys) if random_() < probs[i]]
        if len(followed) < 2 <= n_keys:
            for i in (0, n_keys - 1, 1):
                if i not in followed and len(followed) < 2:
                    followed.append(i)
            followed.sort()
        events = []
        for i in followed:
            lo = 0.03 + 0.94 * i / n_keys
            offset = int(duration_ms * (lo + 0.94 / n_keys * random_() * 0.9))
            events.append((offset, keys[i], 1))
        extra = random_()
        if extra < 0.03 and followed:  # unticked by mistake, ticked again
            offset, key, _ = events[int(random_() * len(events))]
            back = offset + int(min(20_000, duration_ms * 0.02) * (0.3 + random_()))
            events.append((back, key, 0))
            events.append((back + 1500 + int(random_() * 6000), key, 1))
        elif extra < 0.05 and len(followed) < n_keys:  # ticked by mistake, unticked
            missed = [i for i in range(n_keys) if i not in followed]
            key = keys[missed[int(random_() * len(missed))]]
            offset = int(duration_ms * random_() * 0.9)
            events.append((offset, key, 1))
            events.append((offset + 1000 + int(random_() * 4000), key, 0))
        events.sort(key=lambda e: e[0])  # stable: a step's own untick/retick stay in order
        for offset, key, ticked in events:
            ticks.append((call_id, key, min(offset, duration_ms), ticked))
        done = {keys[i] for i in followed}
        missed_keys = [k for k in keys if k not in done]

        calls.append(
            (call_id, customer_id, operator + 1, self.version_id, started_at, ended_at, duration_ms,
             _wrap_up_ms(call_id, duration_ms, outcome), outcome, due, n_keys - len(missed_keys), n_keys,
             " ".join(missed_keys))
        )

        # Notes: why they called, the situation, what was done, how it ended (2–6 sentences).
        topic = self.topic_keys[bisect.bisect(self.topic_cum, random_() * self.topic_cum[-1])]
        parts = [rng.choice(self.topics[topic])]
        if self.situations and random_() < SITUATION_SHARE:
            situation = self.situations[bisect.bisect(self.situation_cum, random_() * self.situation_cum[-1])]
            situations.append((call_id, situation, int(duration_ms * (0.05 + 0.35 * random_()))))
            text = self.situation_text[situation]
            parts.append(rng.choice(text))
            if random_() < 0.3:
                other = rng.choice(text)
                if other != parts[-1]:
                    parts.append(other)
        for _ in range(int(random_() * 3)):
            key = keys[followed[int(random_() * len(followed))]] if followed else None
            sentences = self.step_text.get(key) if key else None
            if sentences:
                sentence = rng.choice(sentences)
                if sentence not in parts:
                    parts.append(sentence)
        parts.append(rng.choice(words.OUTCOME_SENTENCES[outcome]))
        notes.append((call_id, " ".join(parts), ended_at))

        if random_() < FEEDBACK_SHARE:
            followed_n = len(done)
            rating = max(1, min(5, followed_n - 1 + rng.choice((-1, 0, 0, 1))))
            if rating >= 4 or not missed_keys:
                text = rng.choice(words.FEEDBACK_GOOD)
            else:
                text = " ".join(words.FEEDBACK_MISSED.get(k, words.FEEDBACK_GENERIC) for k in missed_keys[:2])
            later = rng.randint(1, 3)
            fb_day = day_index + later
            if fb_day >= PERIOD_DAYS:  # not after yesterday: same day, a little after the call
                fb = min(es + 1800 + rng.randrange(5400), 86_399)
                created = f"{day} {fb // 3600:02d}:{fb // 60 % 60:02d}:{fb % 60:02d}.000000"
            else:
                fb = rng.randrange(8 * 3600, 17 * 3600)
                created = f"{self.day(fb_day)} {fb // 3600:02d}:{fb // 60 % 60:02d}:{fb % 60:02d}.000000"
            feedback.append((call_id, rng.choice(words.SUPERVISORS), text, rating, created))

    # ----- follow-ups done

    @staticmethod
    def _done_early(call_id: int, day_index: int) -> bool:
        """Some follow-ups not yet due are done already (the rule of write_follow_ups_done)."""
        return call_id % 5 == 0 and day_index + 1 <= PERIOD_DAYS - 1

    def write_follow_ups_done(self, writer: DemoWriter) -> None:
        """Past-due follow-ups are done except a few left open (overdue); some future ones too."""
        rng = self.rng
        target = min(80, max(40, self.n_calls // 12_000))
        recent, older = self.follow_up_recent, self.follow_up_older
        keep_recent = min(len(recent), round(target * 0.7))
        keep_older = min(len(older), target - keep_recent)
        keep_recent = min(len(recent), target - keep_older)
        left_open = rng.sample(recent, keep_recent) + rng.sample(older, keep_older)
        moved: dict[int, str] = {}
        if self.future_open == 0 and self.last_follow_up is not None:
            # Small databases may end without a pending follow-up: move the newest one's
            # date after today so the "due soon" list is never empty in a demo.
            call_id, age = self.last_follow_up
            if age > 0 and call_id in left_open:
                left_open.remove(call_id)
            moved[call_id] = (self.today + timedelta(days=rng.randint(1, 5))).isoformat()
            writer.move_follow_up(call_id, moved[call_id])
            left_open.append(call_id)
        kept = set(left_open)
        today = self.today.isoformat()
        yesterday = (self.today - timedelta(days=1)).isoformat()
        rows = []
        for call_id, operator_id, due, day_index in self.follow_ups:
            due = moved.get(call_id, due)
            day_after = self.day(day_index + 1)
            if call_id in kept or not (due < today or (call_id % 5 == 0 and day_after <= yesterday)):
                continue
            # done_at: the due day (or the day after the call, when done early), office hours UTC.
            minutes = call_id * 7 % 540
            done_at = f"{due if due < today else day_after} {7 + minutes // 60:02d}:{minutes % 60:02d}:00.000000"
            rows.append((len(rows) + 1, call_id, operator_id, done_at,
                         words.FOLLOW_UP_NOTES[call_id % len(words.FOLLOW_UP_NOTES)]))
        writer.follow_ups_done(rows)


def _cumulative(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out
