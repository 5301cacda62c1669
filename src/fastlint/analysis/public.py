"""Which routes are public by nature (FL301 never asks them for auth).

Besides the configured ``public-paths``: the sign-in flow (it issues the
credentials), liveness/readiness probes and static files a browser fetches
before anyone signs in, HEAD/OPTIONS-only routes, and handlers that only serve
pages or redirects.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from fastlint.project import Project
from fastlint.project.graph import Route
from fastlint.project.values import expr_label
from fastlint.summary import Call

_WORD = re.compile(r"[A-Z]?[a-z]+|[0-9]+")
# Words of the final segment of sign-in flow routes.
AUTH_FLOW_WORDS = frozenset(
    {
        "login",
        "logout",
        "signin",
        "signout",
        "signup",
        "token",
        "callback",
        "authorize",
        "register",
        "sso",
        "oauth",
        "oauth2",
        "ldap",
        "saml",
        "mfa",
        "otp",
        "totp",
    }
)
# Segments that make a whole sub-tree the sign-in flow (``/login/{provider}``).
AUTH_FLOW_PREFIXES = frozenset(
    {
        "login",
        "signin",
        "signup",
        "oauth",
        "oauth2",
        "sso",
        "mfa",
        "2fa",
    }
)
# Word sets of the last two static segments that name the rest of the sign-in family:
# password recovery and reset, email verification, token refresh (``/forgot-password``,
# ``/password/reset``, ``/verify-email``, ``/auth/refresh``, ``/token/refresh``).
AUTH_FLOW_PHRASES = (
    frozenset({"forgot"}),
    frozenset({"password", "recovery"}),
    frozenset({"password", "recover"}),
    frozenset({"password", "reset"}),
    frozenset({"verify", "email"}),
    frozenset({"email", "verification"}),
    frozenset({"confirm", "email"}),
    frozenset({"refresh", "token"}),
    frozenset({"refresh", "auth"}),
    frozenset({"refresh", "jwt"}),
    frozenset({"verify", "auth"}),
)
PROBE_SEGMENTS = frozenset(
    {
        "health",
        "healthz",
        "healthcheck",
        "ready",
        "readyz",
        "readiness",
        "live",
        "livez",
        "liveness",
        "ping",
    }
)
STATIC_FILES = frozenset(
    {
        "favicon.ico",
        "robots.txt",
        "manifest.json",
        "index.html",
        "sitemap.xml",
        "opensearch.xml",
    }
)
PAGE_RESPONSES = frozenset(
    {
        "HTMLResponse",
        "FileResponse",
        "RedirectResponse",
        "TemplateResponse",
        "StreamingResponse",
    }
)


def _static_segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s and "{" not in s and "⟨" not in s]


def is_public_path(project: Project, path: str) -> bool:
    """Matches ``[tool.fastlint.auth] public-paths`` (glob patterns)."""
    return any(fnmatchcase(path, pattern) for pattern in project.options.public_paths)


def is_auth_flow_path(path: str) -> bool:
    """``/auth/login``, ``/oauth/{provider}/callback``, ``/sign-in``: the sign-in flow."""
    static = _static_segments(path)
    if not static:
        return False
    words = [word.lower() for word in _WORD.findall(static[-1])]
    if set(words) & AUTH_FLOW_WORDS or "".join(words) in AUTH_FLOW_WORDS:
        return True
    tail = {word.lower() for segment in static[-2:] for word in _WORD.findall(segment)}
    if any(phrase <= tail for phrase in AUTH_FLOW_PHRASES):
        return True
    return any(segment.lower() in AUTH_FLOW_PREFIXES for segment in static)


def is_probe_or_asset(path: str) -> bool:
    """``/api/v2/monitor/health``, ``/readyz``, ``/favicon.ico``: public wherever mounted."""
    static = _static_segments(path)
    if not static:
        return False
    last = static[-1].lower()
    return last in PROBE_SEGMENTS or last in STATIC_FILES or ".well-known" in static


def serves_no_api_data(route: Route) -> bool:
    """HEAD/OPTIONS only, or every return builds a page, a file or a redirect."""
    if set(route.methods) <= {"HEAD", "OPTIONS"}:
        return True
    returns = [ret.value for ret in route.function.return_stmts]
    if not returns or route.function.is_generator:
        return False
    return all(
        isinstance(value, Call) and expr_label(value.func).rsplit(".", 1)[-1] in PAGE_RESPONSES
        for value in returns
    )


def public_reason(project: Project, path: str) -> str | None:
    """Why a full path is public, or None."""
    if is_public_path(project, path):
        return "public-paths"
    if is_auth_flow_path(path):
        return "sign-in flow"
    if is_probe_or_asset(path):
        return "probe or static file"
    return None
