"""A throwaway PostgreSQL cluster for the tests and the benchmarks: Debian's own binaries,
a data folder in /tmp, a socket in that folder and a free port on 127.0.0.1.

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user
the Debian package creates (or ``nobody``). Nothing here touches a system cluster.

Client authentication (pg_hba.conf, written after initdb): the superuser SUPERUSER is
trusted (every test URL leaves the password out); every other role logs in with its
password, scram-sha-256, over TCP and over the socket alike.

    python -m tests.pg_cluster   # start one by hand and print its URL (Ctrl+C stops it)
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SUPERUSER = "callassist"

# Client authentication: first match wins, so the superuser's lines come first.
HBA = f"""# Written by tests/pg_cluster.py: the superuser is trusted, every other role gives its password.
# TYPE  DATABASE     USER        ADDRESS        METHOD
local   all          {SUPERUSER}                trust
host    all          {SUPERUSER}  127.0.0.1/32  trust
host    all          {SUPERUSER}  ::1/128       trust
local   replication  {SUPERUSER}                trust
host    replication  {SUPERUSER}  127.0.0.1/32  trust
host    replication  {SUPERUSER}  ::1/128       trust
local   all          all                        scram-sha-256
host    all          all          127.0.0.1/32  scram-sha-256
host    all          all          ::1/128       scram-sha-256
local   replication  all                        scram-sha-256
host    replication  all          127.0.0.1/32  scram-sha-256
host    replication  all          ::1/128       scram-sha-256
"""


def bin_dir() -> Path | None:
    """The folder of initdb/pg_ctl: on the PATH, or the newest under /usr/lib/postgresql."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                      key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _owner() -> str | None:
    """The user to run the server as when we are root (None: ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and there is no 'postgres' or 'nobody' user to run PostgreSQL as")


class Cluster:
    """One PostgreSQL server: ``start()``, ``stop()``, ``url(database)``."""

    def __init__(self, *, durable: bool = False, port: int | None = None) -> None:
        directory = bin_dir()
        if directory is None:
            raise FileNotFoundError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
        self.bin = directory
        self.durable = durable  # fsync on: for benchmarks of the write path
        self.port = port or free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="callassist-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.owner = _owner()
        if self.owner is not None:
            os.chmod(self.folder, 0o755)
            entry = pwd.getpwnam(self.owner)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._initdb()

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.owner is not None:
            command = ["runuser", "-u", self.owner, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, cwd=self.folder)

    def _initdb(self) -> None:
        # initdb wants a superuser password for any password method, so it trusts everyone
        # and pg_hba.conf is then written here: trust for SUPERUSER only (every test URL
        # leaves the password out), scram-sha-256 for every other role.
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.hba.write_text(HBA)  # the file stays the server owner's (written in place)
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("\npassword_encryption = 'scram-sha-256'\n")

    @property
    def hba(self) -> Path:
        return self.data / "pg_hba.conf"

    def start(self) -> None:
        options = [
            "-c", "listen_addresses=127.0.0.1", "-c", f"port={self.port}",
            "-c", f"unix_socket_directories={self.folder}",
            "-c", "max_connections=200", "-c", "shared_buffers=256MB",
        ]
        if not self.durable:
            options += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                        # No background ANALYZE or VACUUM: a reused test database's statistics
                        # stay as they were reset (TestDatabases), not changed behind the
                        # check (seen once in CI: customers' estimates analyzed meanwhile).
                        "-c", "autovacuum=off"]
        result = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                           "-o", " ".join(options), "start", check=False)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {result.stderr.strip()}\n{log[-2000:]}")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def kill(self) -> None:
        """Stop it the hard way (immediate: no checkpoint, like a machine going away)."""
        self.stop("immediate")

    def is_running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", *, port: int | None = None) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port or self.port}/{database}"

    def connect(self, database: str = "postgres"):
        """A psycopg connection as the superuser, in autocommit."""
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database,
                               autocommit=True, connect_timeout=10)

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE)."""
        with self.connect(database) as conn:
            conn.execute(sql)

    def create_database(self, name: str, *, template: str | None = None) -> str:
        self.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ------------------------------------------------------------ test databases, reused
#
# A test database used to be a fresh copy of the template (CREATE DATABASE … TEMPLATE) and
# was dropped afterwards: 0.3-0.5 s a test. TestDatabases hands the same database to the next
# test when the test left its schema as it found it, emptied back to the template's state:
# the rows of every table the test wrote to deleted (as the superuser, no trigger firing:
# the audit log refuses DELETE and TRUNCATE) and its pages given back by VACUUM, the
# template's own rows (alembic_version) put back if changed, every sequence set back, the
# statistics and size estimates of an ANALYZE forgotten. A test that changed anything else
# (DDL, grants, comments, database settings, …: see FINGERPRINT) gets its database dropped,
# and the next test a fresh copy. Each test still sees a database of a name of its own: the
# database is renamed between tests, which also cuts off every connection a test left.
# CALLASSIST_TEST_FRESH_DATABASES=1 (tests/conftest.py) makes a fresh copy for every test.

FIRST_USER_OID = 16384  # FirstNormalObjectId: what initdb made is below it

# One md5 over every catalog row a test could change in its database, apart from data:
# objects made, dropped or re-made (pg_depend, pg_shdepend: new OIDs), their definitions,
# owners, privileges, options, triggers' enabled state, policies, sequences' parameters,
# comments, database settings. Not: sizes, statistics, relfilenodes (TRUNCATE changes them).
FINGERPRINT = f"""
WITH me AS (SELECT oid FROM pg_database WHERE datname = current_database()),
parts(part) AS (
    SELECT 'db' || (d.datdba, d.encoding, d.datlocprovider, d.datistemplate, d.datallowconn,
                    d.datconnlimit, d.dattablespace, d.datcollate, d.datctype, d.daticulocale,
                    d.datacl)::text
      FROM pg_database d JOIN me ON me.oid = d.oid
    UNION ALL SELECT 'dbsetting' || (s.setrole, s.setconfig)::text
      FROM pg_db_role_setting s JOIN me ON me.oid = s.setdatabase
    UNION ALL SELECT 'dbcomment' || md5(s.description)
      FROM pg_shdescription s JOIN me ON me.oid = s.objoid
     WHERE s.classoid = 'pg_database'::regclass
    UNION ALL SELECT 'shdep' || (s.classid, s.objid, s.objsubid, s.refclassid, s.refobjid, s.deptype)::text
      FROM pg_shdepend s JOIN me ON me.oid = s.dbid
    UNION ALL SELECT 'dep' || (d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid,
                               d.refobjsubid, d.deptype)::text
      FROM pg_depend d WHERE d.objid >= {FIRST_USER_OID} OR d.refobjid >= {FIRST_USER_OID}
    UNION ALL SELECT 'nsp' || (n.oid, n.nspname, n.nspowner, n.nspacl)::text
      FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
    UNION ALL SELECT 'class' || (c.oid, c.relname, c.relnamespace, c.reltype, c.relowner, c.relam,
                                 c.reltablespace, c.relkind, c.relpersistence, c.relacl, c.reloptions,
                                 c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
                                 c.relispartition, c.relchecks, c.relnatts, c.reltoastrelid)::text
      FROM pg_class c
     WHERE c.oid >= {FIRST_USER_OID} OR c.relacl IS NOT NULL OR c.reloptions IS NOT NULL
    UNION ALL SELECT 'att' || (a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull,
                               a.atthasdef, a.atthasmissing, a.attmissingval::text, a.attidentity,
                               a.attgenerated, a.attisdropped, a.attislocal, a.attinhcount,
                               a.attcollation, a.attstattarget, a.attstorage, a.attcompression,
                               a.attacl, a.attoptions, a.attfdwoptions)::text
      FROM pg_attribute a WHERE a.attrelid >= {FIRST_USER_OID}
    UNION ALL SELECT 'default' || (d.oid, d.adrelid, d.adnum, d.adbin::text)::text
      FROM pg_attrdef d WHERE d.oid >= {FIRST_USER_OID}
    UNION ALL SELECT 'con' || (c.oid, c.conname, c.connamespace, c.contype, c.condeferrable,
                               c.condeferred, c.convalidated, c.conrelid, c.contypid, c.conindid,
                               c.conparentid, c.confrelid, c.confupdtype, c.confdeltype,
                               c.confmatchtype, c.conislocal, c.coninhcount, c.connoinherit,
                               c.conkey, c.confkey, c.conpfeqop, c.conppeqop, c.conffeqop,
                               c.confdelsetcols, c.conexclop, c.conbin::text)::text
      FROM pg_constraint c WHERE c.oid >= {FIRST_USER_OID}
    UNION ALL SELECT 'index' || (i.indexrelid, i.indrelid, i.indnatts, i.indnkeyatts, i.indisunique,
                                 i.indnullsnotdistinct, i.indisprimary, i.indisexclusion,
                                 i.indimmediate, i.indisclustered, i.indisvalid, i.indisready,
                                 i.indislive, i.indisreplident, i.indkey, i.indcollation, i.indclass,
                                 i.indoption, i.indexprs::text, i.indpred::text)::text
      FROM pg_index i WHERE i.indexrelid >= {FIRST_USER_OID}
    UNION ALL SELECT 'trigger' || (t.oid, t.tgrelid, t.tgparentid, t.tgname, t.tgfoid, t.tgtype,
                                   t.tgenabled, t.tgisinternal, t.tgconstrrelid, t.tgconstrindid,
                                   t.tgconstraint, t.tgdeferrable, t.tginitdeferred, t.tgattr,
                                   t.tgargs, t.tgqual::text, t.tgoldtable, t.tgnewtable)::text
      FROM pg_trigger t WHERE t.oid >= {FIRST_USER_OID}
    UNION ALL SELECT 'policy' || (p.oid, p.polname, p.polrelid, p.polcmd, p.polpermissive, p.polroles,
                                  p.polqual::text, p.polwithcheck::text)::text
      FROM pg_policy p
    UNION ALL SELECT 'rule' || (r.oid, r.rulename, r.ev_class, r.ev_type, r.ev_enabled, r.is_instead,
                                md5(r.ev_qual::text), md5(r.ev_action::text))::text
      FROM pg_rewrite r WHERE r.oid >= {FIRST_USER_OID}
    UNION ALL SELECT 'proc' || (p.oid, p.proname, p.pronamespace, p.proowner, p.prolang, p.prokind,
                                p.prosecdef, p.proleakproof, p.proisstrict, p.proretset,
                                p.provolatile, p.proparallel, p.prorettype, p.proargtypes,
                                p.proallargtypes, p.proargmodes, p.proargnames, md5(p.prosrc),
                                p.probin, p.proconfig, p.proacl, p.procost, p.prorows)::text
      FROM pg_proc p WHERE p.oid >= {FIRST_USER_OID} OR p.proacl IS NOT NULL
    UNION ALL SELECT 'type' || (t.oid, t.typname, t.typnamespace, t.typowner, t.typtype, t.typnotnull,
                                t.typbasetype, t.typtypmod, t.typdefault, t.typacl, t.typcollation)::text
      FROM pg_type t WHERE t.oid >= {FIRST_USER_OID} OR t.typacl IS NOT NULL
    UNION ALL SELECT 'seq' || (s.seqrelid, s.seqtypid, s.seqstart, s.seqincrement, s.seqmax, s.seqmin,
                               s.seqcache, s.seqcycle)::text
      FROM pg_sequence s
    UNION ALL SELECT 'ext' || (e.oid, e.extname, e.extowner, e.extnamespace, e.extversion,
                               e.extconfig, e.extcondition)::text
      FROM pg_extension e
    UNION ALL SELECT 'lang' || (l.oid, l.lanname, l.lanowner, l.lanpltrusted, l.lanacl)::text
      FROM pg_language l
    UNION ALL SELECT 'defacl' || (d.oid, d.defaclrole, d.defaclnamespace, d.defaclobjtype,
                                  d.defaclacl)::text
      FROM pg_default_acl d
    UNION ALL SELECT 'comment' || (d.objoid, d.classoid, d.objsubid, md5(d.description))::text
      FROM pg_description d WHERE d.objoid >= {FIRST_USER_OID}
    UNION ALL SELECT 'tsmap' || (m.mapcfg, m.maptokentype, m.mapseqno, m.mapdict)::text
      FROM pg_ts_config_map m WHERE m.mapcfg >= {FIRST_USER_OID}
    -- Objects without a pg_depend row of their own (most have one: on their schema, owner,
    -- function…), counted.
    UNION ALL SELECT 'count ' || name || ' ' || n FROM (
        SELECT 'largeobject', count(*) FROM pg_largeobject_metadata
        UNION ALL SELECT 'enum', count(*) FROM pg_enum
        UNION ALL SELECT 'event_trigger', count(*) FROM pg_event_trigger
        UNION ALL SELECT 'publication', count(*) FROM pg_publication
        UNION ALL SELECT 'subscription', count(*) FROM pg_subscription s JOIN me ON me.oid = s.subdbid
    ) AS counts(name, n)
)
SELECT md5(string_agg(part, E'\\n' ORDER BY part)) FROM parts
"""

# The tables whose rows a test may have changed: every table of the database's own (not
# the catalogs'), with its size on disk. One the template holds no rows of has never been
# written to if it is still 0 bytes long.
_TABLES = f"""
SELECT c.oid, format('%I.%I', n.nspname, c.relname), pg_relation_size(c.oid)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND c.oid >= {FIRST_USER_OID} AND c.relpersistence <> 't'
 ORDER BY c.oid
"""
_CONTENT = "SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {table} AS t"
_SEQUENCES = f"""
SELECT c.oid, format('%I.%I', n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'S' AND c.oid >= {FIRST_USER_OID} AND c.relpersistence <> 't'
"""
# Triggers on INSERT, DELETE or TRUNCATE that would still fire with session_replication_role
# = replica (enabled ALWAYS or REPLICA): switched off around the reset, then back as they were.
_REPLICA_TRIGGERS = f"""
SELECT format('%I.%I', n.nspname, c.relname), quote_ident(t.tgname), t.tgenabled
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT t.tgisinternal AND t.tgtype & (4 | 8 | 32) <> 0 AND t.tgenabled IN ('A', 'R')
   AND t.tgrelid >= {FIRST_USER_OID}
"""
_ENABLE = {"A": "ENABLE ALWAYS", "R": "ENABLE REPLICA"}
# The planner's size estimates (ANALYZE, VACUUM, TRUNCATE and index builds change them).
_ESTIMATES = f"SELECT oid, relpages, reltuples, relallvisible FROM pg_class WHERE oid >= {FIRST_USER_OID}"
_RESTORE_ESTIMATES = """
UPDATE pg_class c SET relpages = r.relpages, reltuples = r.reltuples, relallvisible = r.relallvisible
  FROM unnest(%s::oid[], %s::integer[], %s::real[], %s::integer[]) AS r(oid, relpages, reltuples, relallvisible)
 WHERE c.oid = r.oid
   AND (c.relpages, c.reltuples, c.relallvisible) IS DISTINCT FROM (r.relpages, r.reltuples, r.relallvisible)
"""


class _Reference:
    """What a fresh copy of the template looks like (taken from one, before any test)."""

    def __init__(self, conn) -> None:
        self.fingerprint = conn.execute(FINGERPRINT).fetchone()[0]
        self.rows: dict[str, tuple[str, bytes]] = {}  # table -> (content md5, COPY text)
        for _oid, table, size in conn.execute(_TABLES).fetchall():
            if size == 0:
                continue
            content = conn.execute(_CONTENT.format(table=table)).fetchone()[0]
            with conn.cursor().copy(f"COPY {table} TO STDOUT") as copy:
                data = b"".join(bytes(chunk) for chunk in copy)
            self.rows[table] = (content, data)
        self.sequences: list[tuple[int, int, bool]] = []
        for oid, sequence in conn.execute(_SEQUENCES).fetchall():
            last_value, is_called = conn.execute(f"SELECT last_value, is_called FROM {sequence}").fetchone()
            self.sequences.append((oid, last_value, is_called))
        self.statistics = [oid for (oid,) in conn.execute(
            f"SELECT DISTINCT starelid FROM pg_statistic WHERE starelid >= {FIRST_USER_OID}").fetchall()]
        self.estimates = [list(column) for column in zip(*conn.execute(_ESTIMATES).fetchall())]


class TestDatabases:
    """Databases at the template's state for one test each: ``take()`` a name, ``give_back(name)``.

    Given back, a database whose schema the test left alone is emptied back to the
    template's contents and handed to the next test under a new name; any other is dropped.
    """

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, cluster: Cluster, template: str, prefix: str = "test", *, reuse: bool = True) -> None:
        self.cluster = cluster
        self.reuse = reuse  # False: a fresh copy for every test, as it used to be
        self.template = template
        self.prefix = f"{prefix}_{os.getpid()}"
        self._names = iter(range(1, 1_000_000_000))
        self._spare: str | None = None
        self._reference: _Reference | None = None
        self._admin = None  # a connection to the "postgres" database, kept
        self.copied = self.reused = self.dropped = 0
        self.last_error: Exception | None = None  # why the last reset failed, if it raised

    def take(self) -> str:
        """The name of a database as fresh as a copy of the template."""
        if self._spare is not None:
            name, self._spare = self._spare, None
            self.reused += 1
            return name
        name = self._new_name()
        self.cluster.create_database(name, template=self.template)
        self.copied += 1
        if self._reference is None:
            with self.cluster.connect(name) as conn:
                self._reference = _Reference(conn)
        return name

    def give_back(self, name: str) -> bool:
        """After the test: keep the database for the next one if it can be reset (True),
        else drop it."""
        renamed = None
        if self.reuse:
            try:
                renamed = self._rename(name)
                if renamed is not None and self.reset(renamed):
                    if self._spare is not None:  # one spare is all a session needs
                        self.cluster.drop_database(self._spare)
                    self._spare = renamed
                    return True
            except Exception as exc:  # anything unexpected: a fresh copy is always right
                self.last_error = exc
        for leftover in {name, renamed} - {None}:
            self.cluster.drop_database(leftover)
        self.dropped += 1
        return False

    def close(self) -> None:
        if self._admin is not None:
            try:
                self._admin.close()
            finally:
                self._admin = None

    def _new_name(self) -> str:
        return f"{self.prefix}_{next(self._names)}"

    def _admin_execute(self, sql: str, params=()) -> list:
        for attempt in (1, 2):
            try:
                if self._admin is None or self._admin.closed:
                    self._admin = self.cluster.connect("postgres")
                cursor = self._admin.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
            except Exception:
                self.close()
                if attempt == 2:
                    raise
        return []

    def _rename(self, name: str) -> str | None:
        """Rename the database after ending every session on it (a connection or thread the
        test left behind must not reach the next test's database). None: not renamed."""
        import psycopg

        new = self._new_name()
        for _attempt in range(3):
            self._admin_execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                                "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            try:
                self._admin_execute(f'ALTER DATABASE "{name}" RENAME TO "{new}"')
                return new
            except psycopg.errors.ObjectInUse:
                continue  # someone connected again in between
            except psycopg.errors.InvalidCatalogName:
                return None  # the test dropped it itself
        return None

    @staticmethod
    @contextlib.contextmanager
    def _triggers_off(conn) -> Iterator[None]:
        """Inside a transaction: no trigger fires on DELETE, INSERT or TRUNCATE (foreign keys'
        included) but for the template's, switched back as they were at the end."""
        conn.execute("SET LOCAL session_replication_role = replica")
        triggers = conn.execute(_REPLICA_TRIGGERS).fetchall()
        for table, trigger, _enabled in triggers:
            conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        yield
        for table, trigger, enabled in triggers:
            conn.execute(f"ALTER TABLE {table} {_ENABLE[enabled]} TRIGGER {trigger}")

    def reset(self, name: str) -> bool:
        """Empty the database back to the template's contents; False if it cannot be
        (its schema or anything else but the data differs from the template's)."""
        reference = self._reference
        if reference is None:
            return False
        with self.cluster.connect(name) as conn:
            if conn.execute(FINGERPRINT).fetchone()[0] != reference.fingerprint:
                return False
            written = [table for _oid, table, size in conn.execute(_TABLES).fetchall()
                       if size > 0 and table not in reference.rows]
            changed = [table for table, (content, _data) in reference.rows.items()
                       if conn.execute(_CONTENT.format(table=table)).fetchone()[0] != content]
            if written or changed:
                # Every row deleted, as the superuser with the triggers of origin off (a
                # table that refuses DELETE or TRUNCATE, the audit log, is emptied like any
                # other; no foreign key is checked: every table written to is emptied)...
                with conn.transaction(), self._triggers_off(conn):
                    for table in written + changed:
                        conn.execute(f"DELETE FROM {table}")
                # ... then VACUUM gives the pages back: 0 of them, as in a fresh copy (the
                # next rows go where they would go there). Much cheaper than TRUNCATE …
                # CASCADE, which makes new files for every table and index it reaches.
                conn.execute(f"VACUUM {', '.join(written + changed)}")
                if changed:
                    with conn.transaction(), self._triggers_off(conn):
                        for table in changed:
                            with conn.cursor().copy(f"COPY {table} FROM STDIN") as copy:
                                copy.write(reference.rows[table][1])
            with conn.transaction():
                # Statistics and estimates from an ANALYZE (the test's, autovacuum's) or from
                # VACUUM: as in a fresh copy, where the planner would take the same decisions.
                conn.execute(f"DELETE FROM pg_statistic WHERE starelid >= {FIRST_USER_OID} "
                             "AND NOT starelid = ANY(%s)", (reference.statistics,))
                if reference.estimates:
                    conn.execute(_RESTORE_ESTIMATES, reference.estimates)
                if reference.sequences:
                    conn.execute("SELECT setval(s.oid, s.last_value, s.is_called) FROM unnest("
                                 "%s::oid[], %s::bigint[], %s::boolean[]) AS s(oid, last_value, is_called)",
                                 ([s[0] for s in reference.sequences], [s[1] for s in reference.sequences],
                                  [s[2] for s in reference.sequences]))
            conn.execute("SELECT pg_stat_reset()")
            # The proof: nothing written left, the template's rows as they were.
            if any(size > 0 and table not in reference.rows
                   for _oid, table, size in conn.execute(_TABLES).fetchall()):
                return False
            return all(conn.execute(_CONTENT.format(table=table)).fetchone()[0] == content
                       for table, (content, _data) in reference.rows.items())


# ------------------------------------------------------------ a fault-test server, reused
#
# The fault tests (tests/conftest.py: pg_server) stop, kill and restart a server of their
# own. Making one took an initdb each (1-3 s); ServerForFaults hands the same one to the
# next test when the test left it as initdb did but for the databases and roles it made
# (dropped here, the migrations' group roles among them): every setting, configuration
# file line, tablespace, replication slot and prepared transaction, and the catalogs of
# "postgres" and "template1", as they were (any other difference: the server is removed
# and the next test gets a new one). Between tests it is stopped, and each test gets it
# started on a new free port: every connection a test left, and anything still retrying,
# is cut off from the next test's server.

_SERVER_STATE = """
SELECT md5(string_agg(part, E'\\n' ORDER BY part)) FROM (
    SELECT 'db' || (d.oid, d.datname, d.datdba, d.datistemplate, d.datallowconn, d.datconnlimit,
                    d.dattablespace, d.datacl)::text FROM pg_database d
    UNION ALL SELECT 'role' || a::text FROM pg_authid a
    UNION ALL SELECT 'member' || m::text FROM pg_auth_members m
    UNION ALL SELECT 'rolesetting' || s::text FROM pg_db_role_setting s
    UNION ALL SELECT 'tablespace' || t::text FROM pg_tablespace t
    UNION ALL SELECT 'slot' || r.slot_name FROM pg_replication_slots r
    UNION ALL SELECT 'prepared' || x.gid FROM pg_prepared_xacts x
    UNION ALL SELECT 'conf' || f::text FROM pg_file_settings f
    UNION ALL SELECT 'hba' || h::text FROM pg_hba_file_rules h
) AS parts(part)
"""
_INITDB_DATABASES = ("postgres", "template0", "template1")


class ServerForFaults:
    """One Cluster for the fault tests, in turn: ``take()`` it running, ``give_back()`` it."""

    def __init__(self) -> None:
        self._cluster: Cluster | None = None  # stopped, as initdb left it
        self._reference: tuple | None = None

    def take(self) -> Cluster:
        cluster, self._cluster = self._cluster, None
        if cluster is None:
            cluster = Cluster()
            self._reference = None
        cluster.port = free_port()
        try:
            cluster.start()
            if self._reference is None:
                self._reference = self._state(cluster)
        except BaseException:
            cluster.remove()
            raise
        return cluster

    def give_back(self, cluster: Cluster) -> bool:
        """Keep the server for the next test if it is as new (True); else remove it."""
        try:
            if not cluster.is_running():
                cluster.start()
            with cluster.connect() as conn:
                conn.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                             "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'")
                made = [name for (name,) in conn.execute(
                    "SELECT datname FROM pg_database WHERE NOT datname = ANY(%s)",
                    (list(_INITDB_DATABASES),)).fetchall()]
                for name in made:
                    conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                # Roles belong to the server, not to a database: the migrations' group
                # roles and any login a test made go too (one still granted something in
                # "postgres" or "template1" cannot be dropped: a new server, then).
                for (role,) in conn.execute(
                        f"SELECT quote_ident(rolname) FROM pg_authid WHERE oid >= {FIRST_USER_OID}").fetchall():
                    conn.execute(f"DROP ROLE {role}")
            if self._state(cluster) == self._reference:
                cluster.stop()
                if not cluster.is_running():
                    self._cluster = cluster
                    return True
        except Exception:  # anything unexpected: a new server is always right
            pass
        cluster.remove()
        return False

    def close(self) -> None:
        if self._cluster is not None:
            self._cluster.remove()
            self._cluster = None

    @staticmethod
    def _state(cluster: Cluster) -> tuple:
        with cluster.connect() as conn:
            state = [conn.execute(_SERVER_STATE).fetchone()[0]]
        for database in ("postgres", "template1"):
            with cluster.connect(database) as conn:
                state.append(conn.execute(FINGERPRINT).fetchone()[0])
        return tuple(state)


def wait_for_port(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


if __name__ == "__main__":  # pragma: no cover - a developer's convenience
    import signal

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # kill: cleaned up like Ctrl+C
    cluster = Cluster()
    cluster.start()
    cluster.create_database("callassist")
    print(cluster.url("callassist"), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.remove()
