"""A demo database full of realistic Italian customers and calls, written fast.

The schema comes from the real migrations (``open_database``); the rows are then
bulk-inserted with the sqlite3 module in big transactions, with the full-text sync
triggers dropped and the two FTS indexes rebuilt once at the end (then the triggers
are put back exactly as the migration wrote them). Everything is written to a
temporary file beside the target and moved into place only when complete.

The contents depend only on ``seed`` and ``today``: one ``random.Random(seed)`` makes
every choice and every timestamp is counted from ``today``, never from the clock.
"""

from __future__ import annotations

import bisect
import os
import random
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from callassist.domain.method import Method
from callassist.domain.phones import parse_phone
from callassist.models.db import DatabaseOpenError
from callassist.models.errors import environment_error

__all__ = ["DemoDataError", "DemoStats", "generate_demo_database"]

PERIOD_DAYS = 730  # calls over the two years before `today`
CHUNK_CALLS = 10_000  # one transaction per chunk: ~50k rows with ticks and notes
CHUNK_CUSTOMERS = 50_000
OUTCOME_CUMULATIVE = ((0.60, "resolved"), (0.80, "follow_up"), (0.90, "escalated"), (1.0, "not_resolved"))
SITUATION_SHARE = 0.30
FEEDBACK_SHARE = 0.02
_FTS_SYNCED_TABLES = ("call_notes", "customers")


class DemoDataError(Exception):
    """The demo database cannot be written; the message is for people."""


@dataclass(frozen=True)
class DemoStats:
    customers: int
    calls: int
    operators: int
    seconds: float


# --------------------------------------------------------------------------- word lists

_MALE = (
    "Alessandro Andrea Angelo Antonio Alberto Alessio Carlo Claudio Cristian Daniele Dario "
    "Davide Diego Domenico Edoardo Emanuele Enrico Enzo Fabio Fabrizio Federico Filippo "
    "Francesco Franco Gabriele Giacomo Gianluca Gianni Giorgio Giovanni Giulio Giuseppe "
    "Giancarlo Gino Leonardo Lorenzo Luca Luciano Luigi Manuel Marcello Marco Mario Massimo "
    "Matteo Mattia Maurizio Michele Mirko Nicola Niccolò Paolo Pasquale Pietro Raffaele "
    "Renato Riccardo Roberto Rocco Salvatore Samuele Sergio Silvio Simone Stefano Tommaso "
    "Umberto Valerio Vincenzo Vittorio Walter Ettore Bruno Corrado"
).split()
_FEMALE = (
    "Alessandra Alessia Alice Angela Anna Antonella Arianna Aurora Barbara Beatrice Benedetta "
    "Bianca Camilla Carla Carolina Caterina Chiara Cinzia Claudia Cristina Daniela Debora "
    "Elena Eleonora Elisa Elisabetta Emanuela Emma Erica Federica Francesca Gabriella Giada "
    "Ginevra Giorgia Giovanna Giulia Greta Ilaria Irene Laura Letizia Lucia Luisa Manuela "
    "Margherita Maria Marina Marta Martina Matilde Michela Monica Nadia Noemi Paola Patrizia "
    "Raffaella Rita Roberta Rosa Rossella Sabrina Sara Serena Silvia Simona Sofia Stefania "
    "Teresa Valentina Valeria Vanessa Veronica Viola Vittoria Lucrezia"
).split()
_SURNAMES = (
    "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti "
    "De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani "
    "Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra "
    "Coppola De_Santis D'Angelo Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco "
    "Marini Grasso Valentini Messina Sala De_Angelis Gatti Pellegrini Palumbo Sanna Farina "
    "Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza Testa Grassi Pellegrino Carbone "
    "Giuliani Benedetti Barone Rossetti Caputo Montanari Guerra Palmieri Bernardi Martino "
    "Fiore De_Rosa Ferretti Bellini Basile Riva Donati Piras Vitali Battaglia Sartori Neri "
    "Costantini Milani Pagano Ruggiero Sorrentino D'Amico Orlando Damico Negri Fumagalli "
    "Esposti Mele Bassi Brambilla Cirillo Colonna Fadda Melis Moro Pace Pagani Riccardi "
    "Rocca Sartor Tedesco Toscano Valente Zanetti Zanella Zanon Bertolini Bonetti Calabrese "
    "Castelli Cocco Corsi D'Agostino Di_Stefano Falco Ferro Gallo Giorgi Lupo Mazzoni "
    "Montalbano Musso Nardi Orsini Parodi Pastore Perrone Poli Porcu Romagnoli Ruggeri "
    "Santini Sorrentini Spina Tosi Traversa Vaccaro Valenti Villani Zamboni Lodi Cerutti"
).split()
_SURNAMES = [s.replace("_", " ") for s in dict.fromkeys(_SURNAMES)]

_COMPANY_SECTORS = (
    "Impianti", "Costruzioni", "Trasporti", "Informatica", "Elettronica", "Arredamenti",
    "Serramenti", "Alimentari", "Consulenze", "Logistica", "Edilizia", "Tessuti",
    "Ceramiche", "Meccanica", "Servizi", "Forniture", "Ottica", "Grafica", "Termoidraulica",
    "Distribuzione", "Enoteca", "Vivai", "Autoricambi", "Pelletteria",
)
_COMPANY_PLACES = (
    "Toscana", "Lombarda", "Veneta", "Adriatica", "Tirrenica", "del Sud", "Emiliana",
    "Ligure", "Sarda", "Sicula", "Padana", "Appenninica", "Romana", "Partenopea", "Alpina",
)
_COMPANY_NAMES = (
    "Tecnoservice", "Edilnord", "Elettrosud", "Idealcasa", "Infoteam", "Logimar", "Metalfer",
    "Nuova Luce", "Ortofrutta Sole", "Sistemi Web", "Studio Delta", "Punto Verde",
    "Casa & Giardino", "Arte Legno", "Ferramenta Centrale", "Officina Moderna", "Gruppo Aurora",
    "Sapori Antichi", "Rete Sicura", "Clima Service",
)
_LEGAL_FORMS = ("srl", "srl", "srl", "spa", "snc", "sas", "srls")
_FREE_MAIL = ("gmail.com", "gmail.com", "gmail.com", "libero.it", "libero.it", "alice.it",
              "tiscali.it", "hotmail.it", "yahoo.it", "virgilio.it", "outlook.it", "tim.it")
_LANDLINE = (("02", 8), ("06", 8), ("055", 7), ("011", 7), ("051", 7), ("081", 7),
             ("041", 7), ("010", 7), ("070", 6), ("091", 7))
_MOBILE = tuple(str(p) for p in (*range(320, 350), *range(360, 369), *range(380, 394)))

_PINNED = (
    "Preferisce essere {chiamato} al mattino",
    "Preferisce essere {chiamato} dopo le 15",
    "Contratto business dal {anno}",
    "Cliente dal {anno}",
    "Preferisce le comunicazioni via email",
    "Non chiamare dopo le 17",
    "Ha un secondo numero per le urgenze: {cell}",
    "Parla meglio inglese che italiano",
    "Referente amministrativo: {referente}",
    "Paga con addebito diretto in conto",
    "Ha già ricevuto un rimborso nel {anno}",
    "Sente poco: parlare lentamente e chiaramente",
    "Piano premium: richiamare entro la giornata",
    "Ha segnalato un disservizio grave nel {anno}: massima attenzione",
)

_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre")
_PLANS = ("Base", "Plus", "Premium", "Business", "Famiglia", "Smart")
_ALTERNATIVES = (
    "un buono sconto del 10% sul prossimo ordine",
    "la spedizione prioritaria gratuita",
    "la rateizzazione dell'importo in tre mesi",
    "la sostituzione dell'articolo invece del rimborso",
    "un mese di prova del piano superiore",
    "il ritiro in negozio già domani",
    "l'intervento del tecnico la prossima settimana senza costi",
)

# Opening sentences: why the customer called. {placeholders} are filled once, up front.
_TOPICS = {
    "billing": (
        "Chiama per la fattura di {mese}: l'importo di {importo} non è quello che si aspettava.",
        "Chiede spiegazioni su un addebito di {importo} nell'ultima fattura.",
        "Segnala un doppio addebito sulla carta per l'ordine n. {ordine}.",
        "Non riesce a scaricare la fattura di {mese} dall'area clienti.",
        "Vuole capire perché la bolletta di {mese} è più alta del solito.",
    ),
    "delivery": (
        "L'ordine n. {ordine} doveva arrivare {giorni} giorni fa e non è ancora stato consegnato.",
        "Il corriere risulta passato ma il pacco non è mai arrivato.",
        "Il tracking dell'ordine n. {ordine} è fermo da {giorni} giorni.",
        "Consegna in ritardo: aspettava il materiale per {mese} e non ha notizie.",
        "Il pacco è arrivato danneggiato, chiede come fare il reso.",
    ),
    "password": (
        "Non riesce più ad accedere all'area clienti: la password non viene accettata.",
        "Ha chiesto il reset della password ma il link non funziona.",
        "Account bloccato dopo troppi tentativi di accesso.",
        "Ha cambiato numero di telefono e non riceve più il codice di verifica.",
    ),
    "contract": (
        "Vuole passare al piano {piano} dal mese di {mese}.",
        "Chiede come disdire il contratto e se ci sono penali.",
        "Chiede di intestare il contratto a un familiare.",
        "Vuole aggiungere una seconda sede al contratto.",
        "Chiede di cambiare l'indirizzo di fatturazione.",
    ),
    "info": (
        "Chiede informazioni sui tempi di attivazione del servizio.",
        "Vuole sapere se il piano {piano} include l'assistenza nel weekend.",
        "Chiede quali documenti servono per il cambio di intestatario.",
    ),
}
_TOPIC_WEIGHTS = (("billing", 30), ("delivery", 25), ("password", 15), ("contract", 20), ("info", 10))

_SITUATION_SENTENCES = {
    "real_expert": (
        "Tecnico preparato, aveva già fatto tutte le verifiche: confronto rapido e utile.",
        "Descrizione del guasto molto precisa, ci ha fatto risparmiare parecchio tempo.",
    ),
    "self_styled_expert": (
        "Dice di conoscere il prodotto meglio di noi e cita una versione che non esiste più.",
        "Insiste che il guasto è sui nostri server; annotate le sue affermazioni senza discutere.",
        "Molti termini tecnici e tono da esperto: ho riportato il discorso sul problema concreto.",
    ),
    "aggressive_caller": (
        "Molto alterato fin dall'inizio, alza la voce e interrompe.",
        "Dopo due richiami il tono è rimasto offensivo: chiamata chiusa con cortesia e episodio segnalato.",
        "Insoddisfazione comprensibile ma modi aggressivi; ho mantenuto la calma e ripetuto la proposta.",
    ),
    "exception_seeker": (
        "Chiede un'eccezione perché secondo lui il suo caso è diverso dagli altri.",
        "Vuole il rimborso fuori dai termini; spiegato con chiarezza che non è possibile.",
        "Ripete di essere un cliente storico e di meritare un trattamento speciale.",
    ),
    "low_tech": (
        "Dice che non è arrivato niente: abbiamo controllato insieme la cartella spam e la mail era lì.",
        "Poca dimestichezza con la posta elettronica; guidato passo passo a cercare il messaggio nello spam.",
        "Non trovava la mail di conferma: era finita nello spam, l'abbiamo letta insieme al telefono.",
    ),
    "public_complaint": (
        "Aveva scritto una recensione negativa sui social; risposto in pubblico con cortesia e proseguito qui in privato.",
        "Il caso nasce da un commento pubblico su Facebook: ripreso al telefono con calma.",
    ),
    "over_familiar": (
        "Tono molto confidenziale, dà del tu e racconta fatti personali; riportato con gentilezza al motivo della chiamata.",
        "Simpatico ma tende a divagare; tono cordiale e professionale.",
    ),
    "our_mistake": (
        "L'errore è nostro: avevamo spedito l'articolo sbagliato. Scuse chiare, senza giri di parole.",
        "Addebito sbagliato per un nostro errore di sistema; scuse e storno immediato.",
        "Avevamo promesso un richiamo che non è mai arrivato: scuse e presa in carico diretta.",
    ),
    "impossible_request": (
        "Chiede la consegna in giornata in una zona che non serviamo.",
        "Vuole il rimborso completo più un indennizzo: non si può, cercata una strada diversa.",
        "Proposto: potremmo farlo così, ma con l'altra soluzione ci arriva prima e senza costi, che ne pensa?",
    ),
}
_SITUATION_WEIGHTS = {
    "real_expert": 6, "self_styled_expert": 14, "aggressive_caller": 12, "exception_seeker": 14,
    "low_tech": 18, "public_complaint": 6, "over_familiar": 8, "our_mistake": 12,
    "impossible_request": 10,
}

_STEP_SENTENCES = {
    "listen": (
        "Lasciato parlare fino in fondo, poi riassunto il problema: confermato.",
        "Ascoltato senza interrompere e ripetuto il problema con parole mie.",
    ),
    "no_blame": (
        "Nessuna discussione su chi ha sbagliato: ci siamo concentrati sulla soluzione.",
        "Evitato di difendere l'azienda, siamo rimasti sui fatti.",
    ),
    "alternative": ("Proposta un'alternativa: {alternativa}.",),
    "ask_opinion": (
        "Chiesto che ne pensa: ha scelto la seconda opzione.",
        "Chiesto il suo parere sulla soluzione, d'accordo.",
    ),
    "way_out": (
        "Lasciato il numero diretto per qualsiasi dubbio.",
        "Concordato il prossimo passo: se entro {giorni} giorni non cambia nulla, richiama e apriamo una pratica.",
    ),
}

_OUTCOME_SENTENCES = {
    "resolved": (
        "Problema risolto durante la chiamata.",
        "Risolto: ha confermato che ora funziona.",
        "Chiusa con soddisfazione.",
        "Tutto sistemato, nessuna azione ulteriore.",
    ),
    "follow_up": (
        "Da richiamare dopo la verifica con l'ufficio tecnico.",
        "Follow-up fissato per confermare l'accredito.",
        "Richiamare per sapere se il problema si è ripresentato.",
    ),
    "escalated": (
        "Passato al secondo livello tecnico.",
        "Inoltrato all'amministrazione con priorità alta.",
        "Girato al responsabile di zona.",
    ),
    "not_resolved": (
        "Non risolto: non ha accettato le alternative proposte.",
        "Non siamo riusciti a risolvere; valuterà se disdire.",
        "Chiamata interrotta prima di arrivare a una soluzione.",
    ),
}

_FEEDBACK_GOOD = (
    "Ottima gestione: ascolto attento e soluzione chiara.",
    "Bella chiamata, tono calmo anche nei momenti difficili.",
    "Molto bene la proposta alternativa, il cliente si è sentito parte della soluzione.",
    "Chiamata esemplare, da usare in formazione.",
)
_FEEDBACK_MISSED = {
    "listen": "Attenzione: hai interrotto il cliente, lascialo finire prima di rispondere.",
    "no_blame": "Evita di difendere l'azienda: resta sul problema e su cosa si può fare.",
    "alternative": "Mancava un'alternativa concreta quando la richiesta non era fattibile.",
    "ask_opinion": "Ricordati di chiedere «che ne pensi?»: la decisione va condivisa.",
    "way_out": "Alla fine serve una via d'uscita: un prossimo passo chiaro per il cliente.",
}
_FEEDBACK_GENERIC = "Rivedi i passaggi del metodo che sono mancati in questa chiamata."
_SUPERVISORS = ("Giovanna Ferri", "Roberto Galli")
_FOLLOW_UP_NOTES = ("Richiamato, tutto a posto.", "Confermato l'accredito.", "Problema risolto.",
                    "Cliente soddisfatto.", "", "Inviata email di riepilogo.")

# How often each shipped step is followed before the operator's own skill is applied.
_STEP_BASE = {"listen": 0.97, "no_blame": 0.85, "alternative": 0.6, "ask_opinion": 0.5, "way_out": 0.75}
_OPERATOR_SKILL = (0.92, 0.85, 0.8, 0.75, 0.7, 0.65, 0.58, 0.5)
_OPERATOR_SHARE = (16, 15, 14, 13, 12, 11, 10, 9)
CALLS_PER_OPERATOR = 20_000  # a big centre has more operators: at least 8, one per 20k calls


def operator_count(calls: int) -> int:
    """How many operators a demo database with ``calls`` calls has."""
    return max(len(_OPERATOR_SKILL), calls // CALLS_PER_OPERATOR)


# --------------------------------------------------------------------------- public API


def generate_demo_database(
    path: Path,
    *,
    customers: int,
    calls: int,
    seed: int,
    progress: Callable[[str], None] | None = None,
    today: date | None = None,
) -> DemoStats:
    """Write a new SQLite database at ``path`` with demo customers and calls.

    Args:
        path: the file to create; it must not exist (its folder is created).
        customers: how many customers (at least 1).
        calls: how many calls (0 or more), spread over the two years before ``today``.
        seed: the same seed and ``today`` give the same contents.
        progress: called with short messages for people while working.
        today: the day the data is relative to (default: today).

    Raises:
        DemoDataError: the file exists, the arguments are unusable or it cannot be written.
    """
    started = time.perf_counter()
    if customers < 1:
        raise DemoDataError("a demo database needs at least 1 customer")
    if calls < 0:
        raise DemoDataError("the number of calls cannot be negative")
    path = Path(path).expanduser().absolute()
    if path.exists() or path.is_symlink():
        raise DemoDataError(f"refusing to overwrite existing file {path}")
    report = progress or (lambda _msg: None)
    today = today or date.today()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DemoDataError(f"cannot create the folder {path.parent}: {exc.strerror or exc}") from exc
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _remove_sqlite_files(tmp)
        operators = _build(tmp, customers=customers, calls=calls, seed=seed, today=today, report=report)
        _move_into_place(tmp, path)
    except DemoDataError:
        _remove_sqlite_files(tmp)
        raise
    except (OSError, DatabaseOpenError) as exc:
        _remove_sqlite_files(tmp)
        raise DemoDataError(f"cannot write the demo database {path}: {exc}") from exc
    except sqlite3.Error as exc:
        _remove_sqlite_files(tmp)
        if environment_error(exc) is None:
            raise  # a mistake in the generator's SQL: a bug, not a message for people
        raise DemoDataError(f"cannot write the demo database {path}: {exc}") from exc
    except BaseException:
        _remove_sqlite_files(tmp)
        raise
    return DemoStats(customers, calls, operators, time.perf_counter() - started)


# --------------------------------------------------------------------------- file handling


def _remove_sqlite_files(db_file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(str(db_file) + suffix).unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass  # best effort: a leftover temp file is harmless, hiding the real error is not


def _move_into_place(tmp: Path, target: Path) -> None:
    """Move without ever replacing a file that appeared at the target meanwhile."""
    try:
        os.link(tmp, target)  # fails if the target exists: no silent overwrite
    except FileExistsError:
        raise DemoDataError(f"refusing to overwrite existing file {target}") from None
    except OSError:
        # No hard links here (some network or FAT drives): check, then rename.
        if target.exists():
            raise DemoDataError(f"refusing to overwrite existing file {target}") from None
        os.replace(tmp, target)
        return
    tmp.unlink()


# --------------------------------------------------------------------------- building


def _build(tmp: Path, *, customers: int, calls: int, seed: int, today: date, report) -> int:
    from callassist.models.db import open_database
    from callassist.services.method import load_app_method

    report("creating the schema…")
    db = open_database("sqlite:///" + str(tmp))
    db.dispose()  # the bulk load below uses one plain sqlite3 connection

    method = load_app_method()
    rng = random.Random(seed)
    con = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        # A throwaway file until it is renamed (deleted on any failure), so no journal on
        # disk and no fsync while loading; the file is made durable before the rename.
        con.execute("PRAGMA journal_mode = MEMORY")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA foreign_keys = OFF")  # ids are generated consistent; tests check
        con.execute("PRAGMA cache_size = -131072")  # 128 MB: index pages stay in memory
        con.execute("PRAGMA temp_store = MEMORY")
        triggers = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (?, ?) "
            "ORDER BY name",
            _FTS_SYNCED_TABLES,
        ).fetchall()
        con.execute("BEGIN")
        for name, _sql in triggers:
            con.execute(f'DROP TRIGGER "{name}"')
        con.execute("COMMIT")

        gen = _Generator(rng, method, today, customers, calls)
        gen.write_static(con)
        gen.write_customers(con, report)
        gen.write_calls(con, report)
        gen.write_follow_ups_done(con)

        report("building the search indexes…")
        con.execute("BEGIN")
        con.execute("INSERT INTO notes_fts(notes_fts) VALUES ('rebuild')")
        con.execute("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')")
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
        con.execute("PRAGMA synchronous = FULL")
        # One self-contained file to rename; the app switches back to WAL when it opens it.
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()
    with open(tmp, "rb+") as f:  # on disk before it appears at the target
        os.fsync(f.fileno())
    return len(gen.operators)


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


class _Generator:
    def __init__(self, rng: random.Random, method: Method, today: date, customers: int, calls: int) -> None:
        self.rng = rng
        self.today = today
        self.n_customers = customers
        self.n_calls = calls
        self.checklist = method.checklist
        self.version_id = method.checklist.version_id
        self.step_keys = method.checklist.keys
        known_situations = {s.key for s in method.situations}
        self.situations = [k for k in _SITUATION_WEIGHTS if k in known_situations]
        self.situation_cum = _cumulative([_SITUATION_WEIGHTS[k] for k in self.situations])
        self.topic_keys = [k for k, _ in _TOPIC_WEIGHTS]
        self.topic_cum = _cumulative([w for _, w in _TOPIC_WEIGHTS])
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
        skills = [_OPERATOR_SKILL[i % len(_OPERATOR_SKILL)] for i in range(n_ops)]
        self.op_cum = _cumulative([_OPERATOR_SHARE[i % len(_OPERATOR_SHARE)] for i in range(n_ops)])
        # Pre-expanded text (placeholders filled once, so each note is just picks).
        self.topics = {k: self._expand(v) for k, v in _TOPICS.items()}
        self.situation_text = {k: self._expand(v) for k, v in _SITUATION_SENTENCES.items()}
        self.step_text = {k: self._expand(v) for k, v in _STEP_SENTENCES.items()}
        self.step_prob = [
            [min(0.99, _STEP_BASE.get(k, 0.7) * (0.55 + 0.5 * skill)) for k in self.step_keys]
            for skill in skills
        ]
        self.step_label = {s.key: s.label.it for s in self.checklist.steps}
        self.follow_up_recent: list[int] = []  # past-due follow-ups of the last 60 days
        self.follow_up_older: list[int] = []
        self.future_open = 0  # follow-ups due from today on and not done early
        self.last_follow_up: tuple[int, int] | None = None  # (call id, days overdue)

    def day(self, index: int) -> str:
        return self.day_str[index - self._first_day]

    # ----- static rows

    def _make_operators(self, count: int) -> list[tuple[int, str]]:
        rng = self.rng
        names: list[str] = []
        while len(names) < count:
            first = rng.choice(_FEMALE if len(names) % 2 == 0 else _MALE)
            name = f"{first} {rng.choice(_SURNAMES)}"
            if name not in names and name not in _SUPERVISORS:
                names.append(name)
        return list(enumerate(names, start=1))

    def write_static(self, con: sqlite3.Connection) -> None:
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO checklist_versions (version_id, name, version, content_json, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                self.version_id,
                self.checklist.name,
                self.checklist.version,
                self.checklist.to_json(),
                f"{self.day(-1)} 07:00:00.000000",
            ),
        )
        con.executemany(
            "INSERT INTO operators (id, name, created_at) VALUES (?, ?, ?)",
            [
                (i, name, f"{self.day(-300 + i * 56 // len(self.operators))} 08:00:00.000000")
                for i, name in self.operators
            ],
        )
        con.execute("COMMIT")

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
                        mese=rng.choice(_MONTHS),
                        importo=f"{rng.randint(19, 480)},{rng.choice(('00', '50', '90', '99'))} €",
                        ordine=rng.randint(100000, 999999),
                        giorni=rng.randint(2, 12),
                        piano=rng.choice(_PLANS),
                        alternativa=rng.choice(_ALTERNATIVES),
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
        r = rng.random()
        if r < 0.55:  # mobile
            prefix = rng.choice(_MOBILE)
            rest = f"{rng.randrange(10**7):07d}"
            style = rng.randrange(6)
            if style == 0:
                return f"{prefix}{rest}"
            if style == 1:
                return f"{prefix}-{rest}"
            if style == 2:
                return f"+39{prefix}{rest}"
            if style == 3:
                return f"{prefix} {rest[:3]} {rest[3:]}"
            if style == 4:
                return f"+39 {prefix} {rest}"
            return f"{prefix} {rest}"
        prefix, length = rng.choice(_LANDLINE)
        rest = f"{rng.randrange(10 ** (length - 1), 10**length)}"
        style = rng.randrange(6)
        if style == 0:
            return f"{prefix}{rest}"
        if style == 1:
            return f"+39 {prefix} {rest}"
        if style == 2:
            return f"{prefix} {rest[:3]} {rest[3:]}"
        if style == 3:
            return f"{prefix}-{rest}"
        if style == 4:
            return f"({prefix}) {rest}"
        return f"+39{prefix}{rest}"

    def _company(self, surname: str) -> str:
        rng = self.rng
        form = rng.choice(_LEGAL_FORMS)
        r = rng.random()
        if r < 0.35:
            return f"{surname} {rng.choice(_COMPANY_SECTORS)} {form}"
        if r < 0.55:
            return f"F.lli {surname} {form}"
        if r < 0.8:
            return f"{rng.choice(_COMPANY_SECTORS)} {rng.choice(_COMPANY_PLACES)} {form}"
        return f"{rng.choice(_COMPANY_NAMES)} {form}"

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
            words = company.split()[:-1]  # without srl/spa/…
            domain = _ascii_slug("".join(words).replace("F.lli", "fratelli")) or "azienda"
            return f"{local}@{domain}.it"
        return f"{local}@{rng.choice(_FREE_MAIL)}"

    def _pinned(self, female: bool) -> str:
        rng = self.rng
        facts = rng.sample(_PINNED, 2 if rng.random() < 0.25 else 1)
        return "\n".join(
            fact.format(
                chiamato="chiamata" if female else "chiamato",
                anno=rng.randint(2008, self.today.year - 1),
                cell=f"{rng.choice(_MOBILE)} {rng.randrange(10**7):07d}",
                referente=f"{rng.choice(_FEMALE + _MALE)} {rng.choice(_SURNAMES)}",
            )
            for fact in facts
        )

    def _customer_rows(self, first_index: int, count: int) -> Iterator[tuple]:
        rng = self.rng
        for index in range(first_index, first_index + count):
            female = rng.random() < 0.5
            first = rng.choice(_FEMALE if female else _MALE)
            surname = rng.choice(_SURNAMES)
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

    def write_customers(self, con: sqlite3.Connection, report) -> None:
        sql = (
            "INSERT INTO customers (id, name, phone, phone_e164, phone_search, email, company, "
            "pinned_facts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for first in range(0, self.n_customers, CHUNK_CUSTOMERS):
            count = min(CHUNK_CUSTOMERS, self.n_customers - first)
            con.execute("BEGIN")
            con.executemany(sql, self._customer_rows(first, count))
            con.execute("COMMIT")
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

    def write_calls(self, con: sqlite3.Connection, report) -> None:
        calls_sql = (
            "INSERT INTO calls (id, customer_id, operator_id, checklist_version, started_at, ended_at, "
            "duration_ms, wrap_up_ms, outcome, follow_up_due, steps_followed, steps_total, steps_missed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        notes_sql = "INSERT INTO call_notes (call_id, text, updated_at) VALUES (?, ?, ?)"
        ticks_sql = "INSERT INTO checklist_ticks (call_id, step_key, offset_ms, ticked) VALUES (?, ?, ?, ?)"
        situations_sql = "INSERT INTO call_situations (call_id, situation_key, offset_ms) VALUES (?, ?, ?)"
        feedback_sql = "INSERT INTO feedback (call_id, author, text, rating, created_at) VALUES (?, ?, ?, ?, ?)"
        buffers: tuple[list, list, list, list, list] = ([], [], [], [], [])

        def flush(done: int) -> None:
            calls, notes, ticks, situations, feedback = buffers
            con.execute("BEGIN")
            con.executemany(calls_sql, calls)
            con.executemany(notes_sql, notes)
            con.executemany(ticks_sql, ticks)
            con.executemany(situations_sql, situations)
            con.executemany(feedback_sql, feedback)
            con.execute("COMMIT")
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
        parts.append(rng.choice(_OUTCOME_SENTENCES[outcome]))
        notes.append((call_id, " ".join(parts), ended_at))

        if random_() < FEEDBACK_SHARE:
            followed_n = len(done)
            rating = max(1, min(5, followed_n - 1 + rng.choice((-1, 0, 0, 1))))
            if rating >= 4 or not missed_keys:
                text = rng.choice(_FEEDBACK_GOOD)
            else:
                text = " ".join(_FEEDBACK_MISSED.get(k, _FEEDBACK_GENERIC) for k in missed_keys[:2])
            later = rng.randint(1, 3)
            fb_day = day_index + later
            if fb_day >= PERIOD_DAYS:  # not after yesterday: same day, a little after the call
                fb = min(es + 1800 + rng.randrange(5400), 86_399)
                created = f"{day} {fb // 3600:02d}:{fb // 60 % 60:02d}:{fb % 60:02d}.000000"
            else:
                fb = rng.randrange(8 * 3600, 17 * 3600)
                created = f"{self.day(fb_day)} {fb // 3600:02d}:{fb // 60 % 60:02d}:{fb % 60:02d}.000000"
            feedback.append((call_id, rng.choice(_SUPERVISORS), text, rating, created))

    # ----- follow-ups done

    @staticmethod
    def _done_early(call_id: int, day_index: int) -> bool:
        """Some follow-ups not yet due are done already (the rule in the SQL below)."""
        return call_id % 5 == 0 and day_index + 1 <= PERIOD_DAYS - 1

    def write_follow_ups_done(self, con: sqlite3.Connection) -> None:
        """Past-due follow-ups are done except a few left open (overdue); some future ones too."""
        rng = self.rng
        target = min(80, max(40, self.n_calls // 12_000))
        recent, older = self.follow_up_recent, self.follow_up_older
        keep_recent = min(len(recent), round(target * 0.7))
        keep_older = min(len(older), target - keep_recent)
        keep_recent = min(len(recent), target - keep_older)
        left_open = rng.sample(recent, keep_recent) + rng.sample(older, keep_older)
        today = self.today.isoformat()
        if self.future_open == 0 and self.last_follow_up is not None:
            # Small databases may end without a pending follow-up: move the newest one's
            # date after today so the "due soon" list is never empty in a demo.
            call_id, age = self.last_follow_up
            if age > 0 and call_id in left_open:
                left_open.remove(call_id)
            con.execute("BEGIN")
            con.execute(
                "UPDATE calls SET follow_up_due = ? WHERE id = ?",
                ((self.today + timedelta(days=rng.randint(1, 5))).isoformat(), call_id),
            )
            con.execute("COMMIT")
            left_open.append(call_id)
        left_open.sort()
        yesterday = (self.today - timedelta(days=1)).isoformat()
        # done_at: the due day (or the day after the call, when done early), office hours UTC.
        done_time = "printf(' %02d:%02d:00.000000', 7 + (c.id * 7 % 540) / 60, c.id * 7 % 540 % 60)"
        note = "CASE c.id % 6 " + " ".join(
            f"WHEN {i} THEN '{n.replace(chr(39), chr(39) * 2)}'" for i, n in enumerate(_FOLLOW_UP_NOTES)
        ) + " END"
        con.execute("BEGIN")
        con.execute("CREATE TEMP TABLE demo_left_open (call_id INTEGER PRIMARY KEY)")
        con.executemany("INSERT INTO demo_left_open VALUES (?)", ((i,) for i in left_open))
        con.execute(
            f"""INSERT INTO follow_ups_done (call_id, operator_id, done_at, note)
            SELECT c.id, c.operator_id,
                   CASE WHEN c.follow_up_due < :today THEN c.follow_up_due
                        ELSE date(c.started_at, '+1 day') END || {done_time},
                   {note}
            FROM calls c
            WHERE c.follow_up_due IS NOT NULL
              AND c.id NOT IN (SELECT call_id FROM demo_left_open)
              AND (c.follow_up_due < :today
                   OR (c.id % 5 = 0 AND date(c.started_at, '+1 day') <= :yesterday))
            ORDER BY c.id""",
            {"today": today, "yesterday": yesterday},
        )
        con.execute("DROP TABLE demo_left_open")
        con.execute("COMMIT")


def _cumulative(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out
