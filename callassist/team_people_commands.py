"""``callassist team add-user | remove-user | list | audit-log | verify-audit | purge``: the people
of a team database, its audit log and its retention, from a terminal.

Each runs on the database given by ``--database`` (or CALLASSIST_DATABASE_URL) as the
login in that URL; the server decides what that login may do (migration 0009) and every
refusal is one line. Exit status: 0 done, 2 for what the person can fix (a wrong name, a
missing right), 1 when the environment fails (the server away) or the audit log does not
verify.
"""

from __future__ import annotations

import getpass
import sys
from datetime import date

from callassist.cli import EXIT_ENVIRONMENT, EXIT_USAGE, open_existing_database
from callassist.team_commands import TeamSetupError

# SQLSTATEs the server's own functions raise for what the person asked (migration 0009).
_ASKED_WRONG = {
    "22023": "",  # invalid_parameter_value: a bad name or role
    "42704": "",  # undefined_object: no such login
    "42710": "",  # duplicate_object
    "2BP01": "the login still owns something on the server or has rights in another database; "
             "remove those first (REASSIGN OWNED / DROP OWNED as a superuser): ",
}


def run_people_command(args, database_url: str | None) -> int:
    if not database_url or not database_url.startswith("postgresql"):
        raise TeamSetupError("team commands work on a team (PostgreSQL) database: give it with "
                             "--database postgresql://USER@HOST/DATABASE or CALLASSIST_DATABASE_URL")
    action = args.team_command
    password = None
    if action == "add-user":
        password = _new_password(args, database_url)
    db = open_existing_database(database_url)
    try:
        return _run(action, args, db, password)
    except Exception as exc:
        refusal = _refusal(exc)
        if refusal is None:
            raise
        raise refusal from None
    finally:
        db.dispose()


def _run(action: str, args, db, password: str | None) -> int:
    from callassist.services import audit, people

    if action == "add-user":
        created = people.add_user(db, args.name, args.role, password)
        roles = ", ".join(dict.fromkeys(args.role))
        print(f"{'added' if created else 'updated'} {args.name}: {roles}"
              + ("" if created else " (the login existed: its password is unchanged)"))
        return 0
    if action == "remove-user":
        removed = people.remove_user(db, args.name, args.role or ())
        print(f"removed {args.name}" if removed else f"{args.name} no longer has: {', '.join(args.role)}")
        return 0
    if action == "list":
        users = people.list_users(db)
        if not users:
            print("nobody yet: add people with callassist team add-user NAME --role operator")
        for person in users:
            print(f"{person.login}\t{', '.join(person.roles)}")
        return 0
    if action == "verify-audit":
        check = audit.verify(db, anchor=args.expect)
        if check.broken_at is not None:
            others = len(check.broken) - 1
            print(f"callassist: the audit log was altered: row {check.broken_at} does not match "
                  f"({check.reason})" + (f", and {others} row(s) after it" if others else "")
                  + f"; {check.rows:,} row(s) checked", file=sys.stderr)
            return EXIT_ENVIRONMENT
        if check.anchor_found is False:
            print(f"callassist: the audit log was altered: the hash {args.expect} written down earlier "
                  f"is no longer in it ({check.rows:,} rows verify, but rows were removed or replaced)",
                  file=sys.stderr)
            return EXIT_ENVIRONMENT
        print(f"the audit log is whole: {check.rows:,} row(s) chained, none changed or removed")
        if check.last_id is not None:
            print(f"newest row {check.last_id}, hash {check.last_hash}")
            print("write the hash down: verify-audit --expect HASH later proves nothing was cut from the end")
        return 0
    if action == "audit-log":
        for row in reversed(audit.entries(db, customer_id=args.customer, limit=args.limit)):
            customer = "" if row.customer_id is None else f"customer {row.customer_id}"
            print("\t".join((str(row.id), row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), row.actor,
                             row.action, customer, row.detail)))
        return 0
    if action == "purge":
        return _purge(db, args.older_than)
    raise TeamSetupError(f"unknown team action {action!r}")


def _purge(db, months: int | None) -> int:
    from callassist.services import audit, people, workplace
    from callassist.services.retention import purge_calls_older_than

    if not people.identity(db).can("admin"):  # refused before a single call is touched
        raise TeamSetupError("only a CallAssist admin purges calls (nothing was deleted)")

    if months is None:
        months = workplace.retention_months(db)
        if months is None:
            raise TeamSetupError("no retention is set for this team: callassist workplace --retention-months N "
                                 "sets it (or give --older-than N)")
    report = purge_calls_older_than(db, months, date.today())
    audit.record(db, "purge", None, f"{report.calls} call(s) started before {report.cutoff.isoformat()} "
                                    f"({months} months)")
    print(f"removed {report.calls:,} call(s) started before {report.cutoff.isoformat()}, with "
          f"{report.notes:,} note(s), {report.ticks:,} checklist tick(s) and {report.feedback:,} feedback")
    return 0


def _new_password(args, database_url: str) -> str | None:
    """The new login's password: from standard input (scripts) or asked twice on the
    terminal. Asked only when the login does not exist yet (checked by the server)."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise TeamSetupError("no password on standard input")
        return password
    from callassist.services import people

    db = open_existing_database(database_url)
    try:
        if people.login_exists(db, args.name):
            return None
    finally:
        db.dispose()
    if not sys.stdin.isatty():
        raise TeamSetupError("a new login needs a password: run this on a terminal, or give it with "
                             "--password-stdin")
    first = getpass.getpass(f"Password for {args.name}: ")
    if len(first) < 8:
        raise TeamSetupError("the password needs at least 8 characters (nothing was changed)")
    if getpass.getpass("The same password again: ") != first:
        raise TeamSetupError("the two passwords differ (nothing was changed)")
    return first


def _refusal(exc: BaseException) -> TeamSetupError | None:
    from callassist.models.errors import StorageError
    from callassist.services.errors import ServiceError

    if isinstance(exc, ServiceError):
        return TeamSetupError(str(exc))
    orig = getattr(exc, "orig", None)
    if isinstance(exc, StorageError):
        cause = exc.__cause__
        orig = getattr(cause, "orig", None) or cause
    state = getattr(orig, "sqlstate", None)
    words = _server_words(orig)
    if state == "42501":
        return TeamSetupError(f"the server refused: {words}")
    if state in _ASKED_WRONG:
        return TeamSetupError(f"{_ASKED_WRONG[state]}{words}")
    if isinstance(exc, StorageError):
        return TeamSetupError(str(exc), EXIT_ENVIRONMENT if exc.server_away else EXIT_USAGE)
    return None


def _server_words(orig) -> str:
    diag = getattr(orig, "diag", None)
    primary = getattr(diag, "message_primary", None)
    return primary or str(orig).strip().splitlines()[0]


__all__ = ["EXIT_USAGE", "run_people_command"]
