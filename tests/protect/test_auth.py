"""Password hashes, sign-in settings and per-user workspace folders."""

from __future__ import annotations

import base64
import hashlib
import io
import json

import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.protect import auth, throttle


def test_hash_round_trip_and_salt():
    first, second = auth.hash_password("s3cret-pass"), auth.hash_password("s3cret-pass")
    assert first != second and first.startswith("scrypt$")
    assert auth.verify_password("s3cret-pass", first) and auth.verify_password("s3cret-pass", second)
    assert not auth.verify_password("s3cret-pasS", first)
    assert "s3cret" not in first


def _pbkdf2(password: bytes, iterations: int) -> str:
    salt = b"0123456789abcdef"
    digest = hashlib.pbkdf2_hmac("sha256", password, salt, iterations)
    return f"pbkdf2_sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def _scrypt(password: bytes, n: int, r: int = 8, p: int = 1) -> str:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * n * r + (1 << 20))
    return "$".join(["scrypt", str(n), str(r), str(p), base64.b64encode(salt).decode(),
                     base64.b64encode(digest).decode()])


def test_pbkdf2_hashes_are_accepted():
    stored = _pbkdf2(b"hunter22", auth.MIN_PBKDF2_ITERATIONS)
    assert auth.verify_password("hunter22", stored) and not auth.verify_password("hunter23", stored)


@pytest.mark.parametrize("stored", [_pbkdf2(b"hunter22", 1), _pbkdf2(b"hunter22", 599_999),
                                    _scrypt(b"hunter22", 2**14), _scrypt(b"hunter22", 2**15),
                                    _scrypt(b"hunter22", 2**17, r=4)])
def test_weak_hash_parameters_never_match_and_stop_the_configuration(stored):
    """The probe signed in with scrypt N=2^14 and 1-iteration PBKDF2 hashes."""
    assert not auth.verify_password("hunter22", stored)
    with pytest.raises(CrmError, match="ann: .*needs"):
        auth.load_config({"crm_auth": {"users": {"ann": stored}}})


def test_equivalent_scrypt_settings_are_accepted():
    assert auth.verify_password("hunter22", _scrypt(b"hunter22", 2**14, p=5))
    assert auth.hash_strength(auth.hash_password("hunter22!")) is None


def test_unknown_user_costs_the_same_hash_work_as_a_known_one(monkeypatch):
    """The probe: a known user's check took 129 ms, an unknown one's 33 ms."""
    config = auth.AuthConfig(users={"ann": _scrypt(b"ann-secret-1", 2**16, p=2),
                                    "bob": _pbkdf2(b"bob-secret-2", 600_000)})
    calls = []
    real = hashlib.scrypt
    monkeypatch.setattr(hashlib, "scrypt", lambda *a, **k: calls.append((k["n"], k["r"], k["p"]))
                        or real(*a, **k))
    assert auth.authenticate(config, "ann", "ann-secret-1")
    assert not auth.authenticate(config, "nobody", "ann-secret-1")
    assert calls == [(2**16, 8, 2), (2**16, 8, 2)]


def test_throttle_locks_per_user_and_per_client_then_forgets():
    now = [0.0]
    guard = throttle.Throttle(3, window=60, lockout=120, clock=lambda: now[0])
    ann_a, ann_b = throttle.keys_for("Ann", "10.0.0.1"), throttle.keys_for("ann ", "10.0.0.2")
    for _ in range(2):
        guard.failed(ann_a)
    assert guard.wait_seconds(ann_a) == 0
    guard.failed(ann_b)  # the third failure for ann, from another machine
    assert guard.wait_seconds(ann_a) == guard.wait_seconds(ann_b) == 120
    bob = throttle.keys_for("bob", "10.0.0.9")
    assert guard.wait_seconds(bob) == 0
    for user in ("carl", "dora", "emil"):  # one machine guessing across accounts
        guard.failed(throttle.keys_for(user, "10.0.0.9"))
    assert guard.wait_seconds(bob) == 120
    now[0] = 121
    assert guard.wait_seconds(ann_a) == 0 and guard.wait_seconds(bob) == 0


def test_sign_in_locks_out_even_the_right_password(monkeypatch):
    monkeypatch.setattr(throttle, "_GUARD", throttle.Throttle(3))
    config = auth.AuthConfig(users={"ann": _pbkdf2(b"ann-secret-1", 600_000)})
    assert [auth.sign_in(config, "ann", "guess", "c1") for _ in range(3)] == ["failed", "failed", "locked"]
    assert auth.sign_in(config, "ann", "ann-secret-1", "c2") == "locked"
    assert auth.sign_in(config, "bob", "x", "c3") == "failed"


@pytest.mark.parametrize("stored", ["", "plain-text", "scrypt$x$8$1$AA==$AA==", "md5$abc",
                                    "scrypt$16384$8$1$not base64$AA=="])
def test_malformed_hashes_never_match(stored):
    assert not auth.verify_password("anything", stored)


def test_short_password_is_refused():
    with pytest.raises(CrmError, match="8 characters"):
        auth.hash_password("short")


def test_authenticate_unknown_user_and_whitespace():
    config = auth.AuthConfig(users={"ann": auth.hash_password("ann-secret-1")})
    assert auth.authenticate(config, " ann ", "ann-secret-1")
    assert not auth.authenticate(config, "ann", "ann-secret-2")
    assert not auth.authenticate(config, "bob", "ann-secret-1")


def test_config_from_secrets_and_from_file(tmp_path, monkeypatch):
    monkeypatch.delenv(auth.AUTH_FILE_ENV, raising=False)
    assert auth.load_config({}) is None and auth.load_config(None) is None
    assert auth.load_config({"other": {"x": 1}}) is None
    config = auth.load_config({"crm_auth": {"shared": True, "users": {"ann": "scrypt$…"}}})
    assert config == auth.AuthConfig(users={"ann": "scrypt$…"}, shared=True, oidc=False)
    assert auth.load_config({"auth": {"client_id": "x"}}).oidc
    path = tmp_path / "auth.toml"
    path.write_text('[crm_auth.users]\nbob = "h"\n', encoding="utf-8")
    monkeypatch.setenv(auth.AUTH_FILE_ENV, str(path))
    assert auth.load_config({}).users == {"bob": "h"}
    path.write_text("[crm_auth\n", encoding="utf-8")
    with pytest.raises(CrmError, match="sign-in file"):
        auth.load_config({})


def test_user_folders_are_separate_and_stay_inside_the_base(tmp_path):
    ann = auth.user_folder(tmp_path, "ann", shared=False)
    assert ann.parent == tmp_path / auth.USERS_FOLDER
    assert auth.user_folder(tmp_path, "Ann", shared=False) != ann
    sneaky = auth.user_folder(tmp_path, "../../etc", shared=False)
    assert sneaky.resolve().is_relative_to((tmp_path / auth.USERS_FOLDER).resolve())
    assert auth.user_folder(tmp_path, "ann", shared=True) == tmp_path


def test_cli_hash_password(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-password\n"))
    assert main(["hash-password", "--password-stdin"]) == 0
    stored = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert auth.verify_password("a-long-password", stored)
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["hash-password", "--password-stdin"]) == 1
