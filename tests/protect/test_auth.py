"""Password hashes, sign-in settings and per-user workspace folders."""

from __future__ import annotations

import base64
import hashlib
import io
import json

import pytest

from crm_core.cli import main
from crm_core.errors import CrmError
from crm_core.protect import auth


def test_hash_round_trip_and_salt():
    first, second = auth.hash_password("s3cret-pass"), auth.hash_password("s3cret-pass")
    assert first != second and first.startswith("scrypt$")
    assert auth.verify_password("s3cret-pass", first) and auth.verify_password("s3cret-pass", second)
    assert not auth.verify_password("s3cret-pasS", first)
    assert "s3cret" not in first


def test_pbkdf2_hashes_are_accepted():
    salt = b"0123456789abcdef"
    digest = hashlib.pbkdf2_hmac("sha256", b"hunter22", salt, 1000)
    stored = f"pbkdf2_sha256$1000${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert auth.verify_password("hunter22", stored) and not auth.verify_password("hunter23", stored)


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
