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

SECTION = "crm_auth"
AUTH_FILE_ENV = "CRM_AUTH_FILE"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
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
        raise CrmError("Use a password of at least 8 characters.")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=32)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored scrypt or ``pbkdf2_sha256$iterations$salt$hash`` hash."""
    parts = stored.split("$")
    try:
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


_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


def authenticate(config: AuthConfig, user: str, password: str) -> bool:
    """Check a sign-in; an unknown user costs the same hash work, so timing reveals nothing."""
    stored = config.users.get(user.strip())
    ok = verify_password(password, stored or _DUMMY_HASH)
    return ok and stored is not None


def load_config(secrets_map: Mapping | None) -> AuthConfig | None:
    """The sign-in settings from ``$CRM_AUTH_FILE`` or the app's secrets; None = no sign-in."""
    path = settings.auth_file()
    if path:
        try:
            secrets_map = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CrmError(f"Cannot read the sign-in file {path}: {exc}") from exc
    secrets_map = secrets_map or {}
    section = dict(secrets_map.get(SECTION) or {})
    users = {str(k): str(v) for k, v in dict(section.get("users") or {}).items()}
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
