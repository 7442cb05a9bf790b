"""Team mode: a person's database password, remembered by the operating system's keyring.

A password is never written to the settings or to any file of ours: it lives in the
URL the person typed (their choice), in libpq's own ~/.pgpass or $PGPASSWORD (read by
the driver itself), or in the keyring (the ``keyring`` package: Secret Service on a
Linux desktop, the Keychain on macOS, the Credential Locker on Windows), filed under
``USER@HOST:PORT/DATABASE``. A computer with no keyring (a Linux without a Secret
Service, a headless box) offers nothing to remember: ``keyring_available()`` is False
and every function here quietly does nothing rather than raise.

No Qt here: the command line uses it too. ``keyring`` is imported on first use, only
when a server asked for a password, so a normal start never loads it.
"""

from __future__ import annotations

import getpass
import os

SERVICE = "CallAssist"
# The login name last used on a server whose URL names none (a team's shared URL):
# not a secret, but kept beside the password it goes with.
LOGIN_SERVICE = "CallAssist login"
DEFAULT_PORT = 5432

# libpq's words (in English: the driver is not localised here) when the server wants a
# password it did not get, or refused the one it got.
_REFUSED_LOGIN = (
    "password authentication failed",
    "no password supplied",
)
_SQLSTATE_REFUSED = ("28P01", "28000")  # invalid_password, invalid_authorization_specification


def _parsed(url: str):
    from sqlalchemy.engine import make_url

    return make_url(url)


def is_server_url(url: str) -> bool:
    """A PostgreSQL URL (team mode), not a SQLite file."""
    try:
        return _parsed(url).get_backend_name() == "postgresql"
    except Exception:  # not a URL at all
        return False


def default_login() -> str:
    """The login libpq uses when the URL names none: $PGUSER, else the computer's login."""
    name = os.environ.get("PGUSER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database (a container)
        return ""


def login_of(url: str) -> str:
    """The login name the connection is made as: the URL's, else one remembered for this
    server (``remember_password`` of a login typed at the sign-in), else libpq's default."""
    parsed = _parsed(url)
    if parsed.username:
        return parsed.username
    return _keyring_get(LOGIN_SERVICE, server_key(url)) or default_login()


def has_password(url: str) -> bool:
    return bool(_parsed(url).password)


def server_key(url: str) -> str:
    """HOST:PORT/DATABASE of a server URL (the host as the URL gives it, lower case)."""
    parsed = _parsed(url)
    host = parsed.host or parsed.query.get("host") or os.environ.get("PGHOST", "") or "localhost"
    if isinstance(host, tuple):  # ?host=a&host=b: the first one
        host = host[0]
    port = parsed.port or os.environ.get("PGPORT", "") or DEFAULT_PORT
    database = parsed.database or os.environ.get("PGDATABASE", "") or ""
    return f"{str(host).lower()}:{port}/{database}"


def credential_key(url: str) -> str:
    """The keyring's name for the password of ``url``: USER@HOST:PORT/DATABASE."""
    return f"{login_of(url)}@{server_key(url)}"


def with_password(url: str, password: str | None, *, login: str | None = None) -> str:
    """``url`` with this password (and login name, when given): the URL to connect with.

    Never shown or written anywhere: render it with ``hide_password`` for people.
    """
    parsed = _parsed(url)
    if login:
        parsed = parsed.set(username=login)
    if password is not None:
        parsed = parsed.set(password=password)
    return parsed.render_as_string(hide_password=False)


def shown(url: str) -> str:
    """The URL for people and logs: the password as ***."""
    try:
        return _parsed(url).render_as_string(hide_password=True)
    except Exception:  # not a URL: nothing in it is parsed as a password
        return url


# ------------------------------------------------------------------ the keyring


def _backend():
    """The keyring's backend, or None when there is no keyring package or no real backend."""
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
    except Exception:  # not installed, a broken configuration, a D-Bus that hangs up
        return None
    if isinstance(backend, fail.Keyring):
        return None
    try:
        from keyring.backends import null

        if isinstance(backend, null.Keyring):
            return None
    except ImportError:
        pass
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    if _priority(backend) <= 0:
        return None  # keyring's own "not usable here" (e.g. Secret Service with no D-Bus)
    return backend


def _priority(backend) -> float:
    try:
        return float(type(backend).priority)
    except Exception:  # a backend whose priority check itself fails is not usable
        return 0.0


def keyring_available() -> bool:
    """True when passwords can be remembered on this computer. Never raises."""
    return _backend() is not None


def _keyring_get(service: str, key: str) -> str | None:
    backend = _backend()
    if backend is None:
        return None
    try:
        return backend.get_password(service, key) or None
    except Exception:  # locked, refused, the service went away: as if nothing was stored
        return None


def stored_password(url: str) -> str | None:
    """The password remembered for ``url``'s login on its server, or None."""
    if not is_server_url(url):
        return None
    return _keyring_get(SERVICE, credential_key(url))


def remember_password(url: str, password: str) -> bool:
    """Keep the password of ``url``'s login (``with_password(url, …, login=…)`` for another
    login) in the keyring; also remembers that login for the server when the URL as given
    names none. False when there is no keyring or it refused."""
    backend = _backend()
    if backend is None or not password or not is_server_url(url):
        return False
    parsed = _parsed(url)
    try:
        backend.set_password(SERVICE, credential_key(url), password)
    except Exception:
        return False
    if parsed.username:
        bare = parsed.set(username=None, password=None).render_as_string(hide_password=False)
        try:
            backend.set_password(LOGIN_SERVICE, server_key(bare), parsed.username)
        except Exception:
            pass  # the password is kept: only the login name is asked again
    return True


def forget_password(url: str) -> None:
    """Forget the password remembered for ``url``'s login (no keyring, nothing stored: fine)."""
    backend = _backend()
    if backend is None or not is_server_url(url):
        return
    try:
        backend.delete_password(SERVICE, credential_key(url))
    except Exception:  # keyring.errors.PasswordDeleteError: there was none
        pass


def url_with_stored_password(url: str) -> str:
    """For the command line: ``url`` with the remembered password when the URL has none
    (else ``url`` as it is: libpq then reads ~/.pgpass and $PGPASSWORD by itself)."""
    if not is_server_url(url) or has_password(url):
        return url
    password = stored_password(url)
    if not password:
        return url
    return with_password(url, password, login=login_of(url))


# ------------------------------------------------------------------ the server's refusal


def login_refused(exc: BaseException | None) -> bool:
    """True when the server refused the login name or password (or wanted a password it
    did not get): SQLSTATE 28P01 / 28000, or libpq's words at connect time, where psycopg
    gives no SQLSTATE. Looks through DatabaseOpenError → SQLAlchemy → driver causes."""
    seen = 0
    while exc is not None and seen < 6:
        seen += 1
        orig = getattr(exc, "orig", None) or exc
        for candidate in (exc, orig):
            code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
            text = str(candidate).lower()
            if code == "28P01" or (code == "28000" and "pg_hba.conf" not in text):
                return True
            if any(words in text for words in _REFUSED_LOGIN):
                return True
            if "role \"" in text and "does not exist" in text and "fatal" in text:
                return True  # a login name the server does not know
        exc = exc.__cause__ or exc.__context__
    return False


def tls_refused(exc: BaseException | None) -> bool:
    """True when the connection wanted TLS and the server has none."""
    seen = 0
    while exc is not None and seen < 6:
        seen += 1
        if "server does not support ssl" in str(getattr(exc, "orig", None) or exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False
