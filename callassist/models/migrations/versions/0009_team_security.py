"""Team mode, secured: roles, row-level security, and an audit log no one can rewrite.

PostgreSQL only (nothing changes on SQLite: one person, one file).

People are PostgreSQL logins, each a member of one or more group roles made here:
``callassist_operator``, ``callassist_supervisor``, ``callassist_trainer`` and
``callassist_admin`` (the one who manages the others). Every data table gets row-level
security, forced, so the owner of the tables is bound too (superusers never are: that is
PostgreSQL's rule). What each role may do:

- operators read customers and every call of their history (whoever took it), write
  only their own calls, notes, ticks, situations and follow-ups done, read the feedback on their own
  calls only, and never the method-adherence figures (columns ``steps_*`` and
  ``wrap_up_ms``, other operators' ticks) nor the audit log;
- supervisors read everything, write feedback, close anyone's follow-ups, erase
  customers, read the audit log, and take calls of their own like an operator;
- trainers work on trainees and training results, and see no customer data;
- admins may do everything but change the audit log.

The audit log (``audit_log``) is written only by functions that run with the owner's
rights: ``callassist_audit`` (called by the app when a customer is opened, searched for
or exported), a trigger on every customer deleted, and the functions that add and remove
people. Each row carries the SHA-256 of its content and of the row before, so an edited
or removed row breaks the chain (``callassist team verify-audit``). UPDATE, DELETE and
TRUNCATE are refused by triggers, whoever asks.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ROLES = ("operator", "supervisor", "trainer", "admin")
# Every table of the schema but alembic_version: each is under row-level security.
TABLES = ("operators", "customers", "checklist_versions", "calls", "checklist_ticks", "call_notes",
          "call_situations", "feedback", "follow_ups_done", "trainees", "training_results",
          "erasures", "workplace_settings", "applied_writes", "audit_log")
# What an operator may read of a call: not the figures a report is made of.
OPERATOR_CALL_COLUMNS = ("id", "customer_id", "operator_id", "checklist_version", "started_at",
                         "ended_at", "duration_ms", "outcome", "follow_up_due", "follow_up_closed")
AUDIT_ACTIONS = ("open", "search", "export", "erase", "delete", "purge", "role")

_ROLE_LIST = ", ".join(f"'callassist_{r}'" for r in ROLES)
_ALL = ", ".join(f"callassist_{r}" for r in ROLES)
STAFF = "(SELECT callassist_is('operator', 'supervisor', 'admin'))"
OVERSEES = "(SELECT callassist_is('supervisor', 'admin'))"
ADMIN = "(SELECT callassist_is('admin'))"
TRAINS = "(SELECT callassist_is('trainer', 'admin'))"
OWN_CALL = "callassist_own_call(call_id)"

SETUP = [
    # The group roles belong to the server, not to one database: made once, kept by a
    # downgrade (another database of the same server may use them).
    f"""DO $$
    DECLARE r text;
    BEGIN
        IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION 'team mode needs a login that may create roles (CREATEROLE)'
                USING ERRCODE = '42501';
        END IF;
        FOREACH r IN ARRAY ARRAY[{_ROLE_LIST}] LOOP
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            END IF;
        END LOOP;
        -- Whoever runs the migrations owns the tables; forced row-level security binds
        -- them too, so they are the first admin (a superuser is above all of it).
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            EXECUTE format('GRANT callassist_admin TO %I', current_user);
        END IF;
    END $$""",
    # pg_has_role is true for a superuser. In policies these are wrapped in a scalar
    # subquery, so they are evaluated once per statement, not once per row. Every table
    # a function names is schema-qualified, and the functions that run with the owner's
    # rights search the session's temporary schema last (pg_temp): a temporary table
    # named "operators" or "audit_log" can never stand in for the real one.
    """CREATE FUNCTION callassist_is(VARIADIC roles text[]) RETURNS boolean
        LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM unnest(roles) AS r
                       WHERE pg_has_role(current_user, 'callassist_' || r, 'MEMBER'))
    $$""",
    # The operator row of the person logged in: their name is their login.
    """CREATE FUNCTION callassist_me() RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT id FROM public.operators WHERE name = session_user
    $$""",
    """CREATE FUNCTION callassist_own_call(p_call integer) RETURNS boolean
        LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM public.calls WHERE id = p_call AND operator_id = public.callassist_me())
    $$""",
    # Closing a colleague's follow-up marks their call: done with the owner's rights.
    "ALTER FUNCTION callassist_follow_up_done() SECURITY DEFINER",
    "ALTER FUNCTION callassist_follow_up_done() SET search_path = pg_catalog, public, pg_temp",
    # --- the audit log
    """CREATE TABLE audit_log (
        id bigserial CONSTRAINT pk_audit_log PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        customer_id integer,
        detail text NOT NULL DEFAULT '',
        previous_hash text NOT NULL,
        hash text NOT NULL)""",
    "CREATE INDEX ix_audit_log_customer ON audit_log (customer_id, id)",
    "CREATE INDEX ix_audit_log_at ON audit_log (at)",
    # What is hashed: the previous hash, the time in UTC to the microsecond, then each
    # field prefixed with its length, so no choice of texts can imitate another row.
    # services.audit.row_text builds the same text to check the chain.
    """CREATE FUNCTION callassist_audit_text(previous text, at timestamptz, actor text, action text,
                                           customer_id integer, detail text) RETURNS text
        LANGUAGE sql STABLE AS $$
        SELECT concat_ws(E'\\n', previous,
                         to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                         length(actor) || ':' || actor, length(action) || ':' || action,
                         coalesce(customer_id::text, '-'), length(detail) || ':' || detail)
    $$""",
    # Granted to no one: the triggers and the functions below call it.
    """CREATE FUNCTION callassist_audit_write(p_action text, p_customer integer, p_detail text)
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        prev text;
        ts timestamptz;
        new_id bigint;
    BEGIN
        -- One writer at a time, so each row links to the one committed before it; which
        -- a transaction sees only under READ COMMITTED (a REPEATABLE READ snapshot taken
        -- before the lock would link to an older row and break the chain).
        IF current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'the audit log is written under READ COMMITTED only'
                USING ERRCODE = '25001';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('callassist_audit_log'));
        ts := clock_timestamp();
        SELECT hash INTO prev FROM public.audit_log ORDER BY id DESC LIMIT 1;
        prev := coalesce(prev, repeat('0', 64));
        INSERT INTO public.audit_log (at, actor, action, customer_id, detail, previous_hash, hash)
        VALUES (ts, session_user, p_action, p_customer, coalesce(p_detail, ''), prev,
                encode(sha256(convert_to(public.callassist_audit_text(
                    prev, ts, session_user, p_action, p_customer, coalesce(p_detail, '')), 'UTF8')), 'hex'))
        RETURNING id INTO new_id;
        RETURN new_id;
    END $$""",
    """CREATE FUNCTION callassist_audit(p_action text, p_customer integer, p_detail text)
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, pg_temp AS $$
    BEGIN
        IF p_action NOT IN ('open', 'search', 'export', 'purge') THEN
            RAISE EXCEPTION 'unknown audit action %', p_action USING ERRCODE = '22023';
        END IF;
        IF p_action = 'purge' AND NOT pg_has_role(session_user, 'callassist_admin', 'MEMBER') THEN
            RAISE EXCEPTION 'only an admin purges' USING ERRCODE = '42501';
        END IF;
        IF NOT pg_has_role(session_user, 'callassist_operator', 'MEMBER')
           AND NOT pg_has_role(session_user, 'callassist_supervisor', 'MEMBER')
           AND NOT pg_has_role(session_user, 'callassist_admin', 'MEMBER') THEN
            RAISE EXCEPTION 'permission denied for customer data' USING ERRCODE = '42501';
        END IF;
        RETURN public.callassist_audit_write(p_action, p_customer, left(coalesce(p_detail, ''), 500));
    END $$""",
    """CREATE FUNCTION callassist_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log cannot be changed or emptied' USING ERRCODE = '42501';
    END $$""",
    # Per statement: it fires even when row-level security leaves no row to change.
    """CREATE TRIGGER audit_log_unchangeable BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION callassist_audit_refuse()""",
    # Every customer deleted, however (the app's erasure, a merge, psql), is on record.
    # services.customer_merge names its reason in callassist.reason.
    """CREATE FUNCTION callassist_customer_deleted() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    BEGIN
        PERFORM public.callassist_audit_write('erase', OLD.id,
                                       coalesce(current_setting('callassist.reason', true), ''));
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER customers_deleted AFTER DELETE ON customers
        FOR EACH ROW EXECUTE FUNCTION callassist_customer_deleted()""",
    # Calls deleted any way (a purge, an erasure's cascade, psql): how many, on record.
    """CREATE FUNCTION callassist_calls_deleted() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        n bigint;
    BEGIN
        SELECT count(*) INTO n FROM gone;
        IF n > 0 THEN
            PERFORM public.callassist_audit_write('delete', NULL, format('%s call(s)', n));
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER calls_deleted AFTER DELETE ON calls REFERENCING OLD TABLE AS gone
        FOR EACH STATEMENT EXECUTE FUNCTION callassist_calls_deleted()""",
    # --- people: added and removed by an admin, on record
    """CREATE FUNCTION callassist_add_user(p_login text, p_roles text[], p_password text)
        RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        r text;
        created boolean := false;
    BEGIN
        IF NOT pg_has_role(session_user, 'callassist_admin', 'MEMBER') THEN
            RAISE EXCEPTION 'only a CallAssist admin can add people' USING ERRCODE = '42501';
        END IF;
        IF p_login !~ '^[a-z_][a-z0-9_.-]{0,62}$' OR p_login LIKE 'callassist\\_%' OR p_login LIKE 'pg\\_%' THEN
            RAISE EXCEPTION 'not a usable login name: %', p_login USING ERRCODE = '22023';
        END IF;
        IF cardinality(p_roles) = 0 THEN
            RAISE EXCEPTION 'give at least one role' USING ERRCODE = '22023';
        END IF;
        FOREACH r IN ARRAY p_roles LOOP
            IF r NOT IN ('operator', 'supervisor', 'trainer', 'admin') THEN
                RAISE EXCEPTION 'no such role: %', r USING ERRCODE = '22023';
            END IF;
        END LOOP;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND rolsuper) THEN
            RAISE EXCEPTION '% is a superuser of the server' , p_login USING ERRCODE = '42501';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
            IF p_password IS NULL OR p_password = '' THEN
                RAISE EXCEPTION 'a new login needs a password' USING ERRCODE = '22023';
            END IF;
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_login, p_password);
            created := true;
        END IF;
        FOREACH r IN ARRAY p_roles LOOP
            EXECUTE format('GRANT %I TO %I', 'callassist_' || r, p_login);
        END LOOP;
        PERFORM public.callassist_audit_write('role', NULL,
            format('%s %s: %s', CASE WHEN created THEN 'added' ELSE 'granted' END, p_login,
                   array_to_string(p_roles, ', ')));
        RETURN created;
    END $$""",
    f"""CREATE FUNCTION callassist_remove_user(p_login text, p_roles text[]) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        r text;
        dropped boolean := false;
    BEGIN
        IF NOT pg_has_role(session_user, 'callassist_admin', 'MEMBER') THEN
            RAISE EXCEPTION 'only a CallAssist admin can remove people' USING ERRCODE = '42501';
        END IF;
        IF p_login = session_user THEN
            RAISE EXCEPTION 'an admin cannot remove themselves' USING ERRCODE = '22023';
        END IF;
        IF p_login = (SELECT tableowner FROM pg_catalog.pg_tables
                      WHERE schemaname = 'public' AND tablename = 'audit_log') THEN
            RAISE EXCEPTION '% owns the tables: it stays an admin', p_login USING ERRCODE = '22023';
        END IF;
        IF NOT EXISTS (
            SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                JOIN pg_roles u ON u.oid = m.member
            WHERE u.rolname = p_login AND g.rolname IN ({_ROLE_LIST}) AND NOT u.rolsuper
        ) THEN
            RAISE EXCEPTION 'no CallAssist login named %', p_login USING ERRCODE = '42704';
        END IF;
        IF p_roles IS NULL OR cardinality(p_roles) = 0 THEN
            EXECUTE format('DROP ROLE %I', p_login);
            dropped := true;
        ELSE
            FOREACH r IN ARRAY p_roles LOOP
                IF r NOT IN ('operator', 'supervisor', 'trainer', 'admin') THEN
                    RAISE EXCEPTION 'no such role: %', r USING ERRCODE = '22023';
                END IF;
                EXECUTE format('REVOKE %I FROM %I', 'callassist_' || r, p_login);
            END LOOP;
        END IF;
        PERFORM public.callassist_audit_write('role', NULL,
            CASE WHEN dropped THEN format('removed %s', p_login)
                 ELSE format('revoked from %s: %s', p_login, array_to_string(p_roles, ', ')) END);
        RETURN dropped;
    END $$""",
    # --- grants: nothing for anyone but what is given below
    *(f"REVOKE ALL ON {table} FROM PUBLIC" for table in TABLES),
    "REVOKE ALL ON FUNCTION callassist_audit_write(text, integer, text) FROM PUBLIC",
    "REVOKE ALL ON FUNCTION callassist_add_user(text, text[], text) FROM PUBLIC",
    "REVOKE ALL ON FUNCTION callassist_remove_user(text, text[]) FROM PUBLIC",
    "REVOKE ALL ON FUNCTION callassist_audit(text, integer, text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION callassist_audit(text, integer, text) TO callassist_operator, "
    "callassist_supervisor, callassist_admin",
    # Callable by everyone on the team: the functions check for an admin and say so.
    f"GRANT EXECUTE ON FUNCTION callassist_add_user(text, text[], text) TO {_ALL}",
    f"GRANT EXECUTE ON FUNCTION callassist_remove_user(text, text[]) TO {_ALL}",
    f"GRANT USAGE ON SCHEMA public TO {_ALL}",
    f"GRANT SELECT ON alembic_version TO {_ALL}",
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_ALL}",
    f"REVOKE ALL ON SEQUENCE audit_log_id_seq FROM {_ALL}",
    # operators
    "GRANT SELECT, INSERT ON operators, checklist_versions, applied_writes TO callassist_operator",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON customers TO callassist_operator",
    f"GRANT SELECT ({', '.join(OPERATOR_CALL_COLUMNS)}), INSERT, UPDATE ON calls TO callassist_operator",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON call_notes, checklist_ticks, call_situations, follow_ups_done "
    "TO callassist_operator",
    "GRANT SELECT ON feedback, erasures, workplace_settings TO callassist_operator",
    # supervisors
    "GRANT SELECT ON operators, customers, checklist_versions, calls, checklist_ticks, call_notes, "
    "call_situations, feedback, follow_ups_done, trainees, training_results, erasures, workplace_settings, "
    "applied_writes, audit_log TO callassist_supervisor",
    "GRANT INSERT, UPDATE, DELETE ON feedback, follow_ups_done, workplace_settings TO callassist_supervisor",
    "GRANT INSERT ON operators, erasures, applied_writes TO callassist_supervisor",
    # Erasing a customer takes their calls by the foreign key's cascade (run with the
    # owner's rights): a supervisor deletes no call directly; purging is an admin's.
    "GRANT DELETE ON customers TO callassist_supervisor",
    # A supervisor may take calls too: their own, under the same rules as an operator.
    "GRANT INSERT, UPDATE ON customers, calls, checklist_versions TO callassist_supervisor",
    "GRANT INSERT, UPDATE, DELETE ON call_notes, checklist_ticks, call_situations TO callassist_supervisor",
    # trainers
    "GRANT SELECT, INSERT, UPDATE, DELETE ON trainees, training_results TO callassist_trainer",
    "GRANT SELECT ON checklist_versions, workplace_settings TO callassist_trainer",
    # admins
    "GRANT SELECT, INSERT, UPDATE, DELETE ON operators, customers, checklist_versions, calls, "
    "checklist_ticks, call_notes, call_situations, feedback, follow_ups_done, trainees, training_results, "
    "erasures, workplace_settings, applied_writes TO callassist_admin",
    "GRANT SELECT ON audit_log TO callassist_admin",
]


def _policies() -> list[str]:
    """Row-level security: (table, command, USING, WITH CHECK) per rule; permissive, OR-ed."""
    rules = [
        ("operators", "SELECT", STAFF, None),
        ("operators", "INSERT", None, f"{OVERSEES} OR ((SELECT callassist_is('operator')) AND name = session_user)"),
        ("operators", "UPDATE", ADMIN, ADMIN),
        ("operators", "DELETE", ADMIN, None),
        ("customers", "SELECT", STAFF, None),
        ("customers", "INSERT", None, STAFF),
        ("customers", "UPDATE", STAFF, STAFF),
        # An operator may delete a customer only with no call at all (merging a duplicate).
        ("customers", "DELETE",
         f"{OVERSEES} OR ((SELECT callassist_is('operator')) "
         "AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.customer_id = customers.id))", None),
        ("checklist_versions", "SELECT", "true", None),
        ("checklist_versions", "INSERT", None, STAFF),
        ("checklist_versions", "UPDATE", ADMIN, ADMIN),
        ("checklist_versions", "DELETE", ADMIN, None),
        ("calls", "SELECT", STAFF, None),
        ("calls", "INSERT", None, f"{ADMIN} OR operator_id = (SELECT callassist_me())"),
        ("calls", "UPDATE", f"{ADMIN} OR operator_id = (SELECT callassist_me())",
         f"{ADMIN} OR operator_id = (SELECT callassist_me())"),
        ("calls", "DELETE", ADMIN, None),
        ("checklist_ticks", "SELECT", f"{OVERSEES} OR {OWN_CALL}", None),
        *((table, command, f"{ADMIN} OR {OWN_CALL}" if command != "INSERT" else None,
           f"{ADMIN} OR {OWN_CALL}" if command != "DELETE" else None)
          for table in ("checklist_ticks", "call_notes", "call_situations")
          for command in ("INSERT", "UPDATE", "DELETE")),
        ("call_notes", "SELECT", STAFF, None),
        ("call_situations", "SELECT", STAFF, None),
        ("feedback", "SELECT", f"{OVERSEES} OR {OWN_CALL}", None),
        ("feedback", "INSERT", None, OVERSEES),
        ("feedback", "UPDATE", f"{ADMIN} OR ({OVERSEES} AND author = session_user)",
         f"{ADMIN} OR ({OVERSEES} AND author = session_user)"),
        ("feedback", "DELETE", f"{ADMIN} OR ({OVERSEES} AND author = session_user)", None),
        ("follow_ups_done", "SELECT", STAFF, None),
        *(("follow_ups_done", command, f"{OVERSEES} OR {OWN_CALL}" if command != "INSERT" else None,
           f"{OVERSEES} OR {OWN_CALL}" if command != "DELETE" else None)
          for command in ("INSERT", "UPDATE", "DELETE")),
        ("trainees", "SELECT", f"{TRAINS} OR {OVERSEES}", None),
        ("trainees", "ALL", TRAINS, TRAINS),
        ("training_results", "SELECT", f"{TRAINS} OR {OVERSEES}", None),
        ("training_results", "ALL", TRAINS, TRAINS),
        ("erasures", "SELECT", STAFF, None),
        ("erasures", "INSERT", None, OVERSEES),
        ("workplace_settings", "SELECT", "true", None),
        ("workplace_settings", "ALL", OVERSEES, OVERSEES),
        ("applied_writes", "SELECT", STAFF, None),
        ("applied_writes", "INSERT", None, STAFF),
        ("audit_log", "SELECT", OVERSEES, None),
        # Only callassist_audit_write inserts, with the owner's rights (an admin).
        ("audit_log", "INSERT", None, ADMIN),
    ]
    statements = []
    for table in TABLES:
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        statements.append(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    for n, (table, command, using, check) in enumerate(rules):
        clauses = f" USING ({using})" if using else ""
        clauses += f" WITH CHECK ({check})" if check else ""
        statements.append(f"CREATE POLICY {table}_{command.lower()}_{n} ON {table} FOR {command}{clauses}")
    return statements


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in [*SETUP, *_policies()]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        if table == "audit_log":
            continue
        for policy in _policy_names(table):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for statement in (
        "DROP TABLE audit_log",
        "DROP FUNCTION callassist_remove_user(text, text[])",
        "DROP FUNCTION callassist_add_user(text, text[], text)",
        "DROP TRIGGER customers_deleted ON customers",
        "DROP TRIGGER calls_deleted ON calls",
        "DROP FUNCTION callassist_calls_deleted()",
        "DROP FUNCTION callassist_customer_deleted()",
        "DROP FUNCTION callassist_audit_refuse()",
        "DROP FUNCTION callassist_audit(text, integer, text)",
        "DROP FUNCTION callassist_audit_write(text, integer, text)",
        "DROP FUNCTION callassist_audit_text(text, timestamptz, text, text, integer, text)",
        "ALTER FUNCTION callassist_follow_up_done() SECURITY INVOKER",
        "ALTER FUNCTION callassist_follow_up_done() RESET search_path",
        "DROP FUNCTION callassist_own_call(integer)",
        "DROP FUNCTION callassist_me()",
        "DROP FUNCTION callassist_is(text[])",
    ):
        op.execute(statement)
    # Privileges granted to the group roles go with them from this database; the roles
    # themselves stay (other databases on the server may use them).
    for role in ROLES:
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM callassist_{role}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM callassist_{role}")
        op.execute(f"REVOKE USAGE ON SCHEMA public FROM callassist_{role}")


def _policy_names(table: str) -> list[str]:
    return [statement.split()[2] for statement in _policies()
            if statement.startswith("CREATE POLICY") and statement.split()[4] == table]
