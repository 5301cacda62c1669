"""Password hashing and signed access tokens (standard library only)."""

import base64
import hashlib
import hmac
import os
import time

from app.settings import settings

_ITERATIONS = 200_000


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _ITERATIONS)
    return f"{salt.hex()}${digest.hex()}"


def verify_password(password: str, hashed: str) -> bool:
    salt_hex, _, digest_hex = hashed.partition("$")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), _ITERATIONS)
    return hmac.compare_digest(digest.hex(), digest_hex)


def _sign(payload: str) -> str:
    return hmac.new(settings.secret_key.encode(), payload.encode(), hashlib.sha256).hexdigest()


def create_access_token(user_id: int) -> str:
    expires = int(time.time()) + settings.access_token_minutes * 60
    payload = f"{user_id}:{expires}"
    raw = f"{payload}:{_sign(payload)}".encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_access_token(token: str) -> int | None:
    """The user id in a valid, unexpired token; None otherwise."""
    try:
        user_id, expires, signature = base64.urlsafe_b64decode(token).decode().split(":")
    except ValueError:
        return None
    if not hmac.compare_digest(signature, _sign(f"{user_id}:{expires}")):
        return None
    if int(expires) < time.time():
        return None
    return int(user_id)
