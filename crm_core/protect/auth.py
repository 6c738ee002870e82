"""Optional sign-in: password hashes from the secrets file, per-user workspace folders.

No configuration means no sign-in (a single analyst on their own machine). An operator
turns it on by adding hashed passwords (``python -m crm_core hash-password``) to
``.streamlit/secrets.toml`` — or to the TOML file named by ``$CRM_AUTH_FILE`` — under
``[crm_auth.users]``; Streamlit's own ``[auth]`` section turns on OIDC ``st.login`` instead.
See docs/security.md.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from crm_core import settings
from crm_core.errors import CrmError
from crm_core.i18n import Clauses, Sentence
from crm_core.protect import throttle

SECTION = "crm_auth"
AUTH_FILE_ENV = "CRM_AUTH_FILE"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_SCRYPT_WORK = 5 * 2**14  # N·p, with r ≥ 8: OWASP's equivalent scrypt settings (2^17·1 … 2^13·10)
MIN_SCRYPT_R = 8
MAX_SCRYPT_N = 2**20
MIN_PBKDF2_ITERATIONS = 600_000  # OWASP, PBKDF2-HMAC-SHA256
USERS_FOLDER = "users"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.@-]+")


@dataclass(frozen=True)
class AuthConfig:
    """Who may sign in (user → password hash), whether users share one workspace, and OIDC."""

    users: dict[str, str] = field(default_factory=dict)
    shared: bool = False
    oidc: bool = False


def hash_password(password: str) -> str:
    """A salted scrypt hash: ``scrypt$N$r$p$salt$hash`` (base64), safe to store in a file."""
    if len(password) < 8:
        raise CrmError(Sentence("protect.error.short_password"))
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=32, maxmem=256 * SCRYPT_N * SCRYPT_R + (1 << 20))
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)])


def hash_strength(stored: str) -> str | None:
    """Why a well-formed hash is too weak to accept (None when strong enough or malformed)."""
    parts = stored.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = (int(x) for x in parts[1:4])
            if r < MIN_SCRYPT_R or n * p < MIN_SCRYPT_WORK or n > MAX_SCRYPT_N:
                return f"scrypt N={n}, r={r}, p={p} (needs r ≥ 8 and N·p ≥ {MIN_SCRYPT_WORK}, N ≤ 2^20)"
        elif parts[0] == "pbkdf2_sha256" and len(parts) == 4 and int(parts[1]) < MIN_PBKDF2_ITERATIONS:
            return f"PBKDF2 with {int(parts[1]):,} iterations (needs {MIN_PBKDF2_ITERATIONS:,})"
    except ValueError:
        return None
    return None


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored scrypt or ``pbkdf2_sha256$iterations$salt$hash`` hash
    of at least the minimum strength (a weaker hash never matches)."""
    parts = stored.split("$")
    try:
        if hash_strength(stored):
            return False
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = (int(x) for x in parts[1:4])
            salt, expected = _unb64(parts[4]), _unb64(parts[5])
            digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p,
                                    dklen=len(expected), maxmem=256 * n * r + (1 << 20))
        elif parts[0] == "pbkdf2_sha256" and len(parts) == 4:
            salt, expected = _unb64(parts[2]), _unb64(parts[3])
            digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, int(parts[1]))
        else:
            return False
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def _dummy_like(stored: str) -> str:
    """A hash with the same scheme and cost as ``stored`` that no password matches."""
    parts = stored.split("$")
    return "$".join([*parts[:-2], _b64(b"\0" * 16), _b64(b"\0" * 32)])


def authenticate(config: AuthConfig, user: str, password: str) -> bool:
    """Check a sign-in in constant time: an unknown user costs exactly the hash work of the
    most expensive configured user, so timing does not tell which names exist."""
    stored = config.users.get(user.strip())
    reference = stored or _dummy_like(max(config.users.values(), key=_cost, default=_DEFAULT_DUMMY))
    with throttle.CHECKS:
        ok = verify_password(password, reference)
    return ok and stored is not None


def _cost(stored: str) -> int:
    parts = stored.split("$")
    try:
        if parts[0] == "scrypt":
            return int(parts[1]) * int(parts[2]) * int(parts[3]) * 20
        return int(parts[1])
    except (ValueError, IndexError):
        return 0


_DEFAULT_DUMMY = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$AA==$AA=="


def sign_in(config: AuthConfig, user: str, password: str, client: str | None) -> str:
    """``"ok"``, ``"failed"`` or ``"locked"``: :func:`authenticate` behind the throttle."""
    keys = throttle.keys_for(user, client)
    guard = throttle.guard()
    if guard.wait_seconds(keys) > 0:
        return "locked"
    if authenticate(config, user, password):
        guard.succeeded(keys[:1])
        return "ok"
    guard.failed(keys)
    return "locked" if guard.wait_seconds(keys) > 0 else "failed"


def load_config(secrets_map: Mapping | None) -> AuthConfig | None:
    """The sign-in settings from ``$CRM_AUTH_FILE`` or the app's secrets; None = no sign-in."""
    path = settings.auth_file()
    if path:
        try:
            secrets_map = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CrmError(Sentence("protect.error.users_file", path=path, reason=exc)) from exc
    secrets_map = secrets_map or {}
    section = dict(secrets_map.get(SECTION) or {})
    users = {str(k): str(v) for k, v in dict(section.get("users") or {}).items()}
    weak = {name: why for name, h in users.items() if (why := hash_strength(h))}
    if weak:
        said = Clauses(f"{name}: {why}" for name, why in weak.items())
        raise CrmError(Sentence("protect.error.weak_hashes", weak=said))
    oidc = bool(secrets_map.get("auth"))
    if not users and not oidc:
        return None
    return AuthConfig(users=users, shared=bool(section.get("shared", False)), oidc=oidc)


def user_folder(base: str | os.PathLike[str], user: str, shared: bool) -> Path:
    """The workspace folder of a signed-in user: ``BASE/users/NAME`` unless the workspace is shared."""
    if shared:
        return Path(base)
    safe = _UNSAFE.sub("_", user.strip()).strip("._") or "user"
    suffix = hashlib.sha256(user.strip().encode()).hexdigest()[:6]
    return Path(base) / USERS_FOLDER / f"{safe[:40]}_{suffix}"
