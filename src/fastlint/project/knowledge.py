"""Library knowledge the model needs: FastAPI's dependency markers and security
schemes, by their public dotted names (re-exports are folded by the resolver)."""

from __future__ import annotations

SECURITY_CLASSES = frozenset(
    f"fastapi.security.{name}"
    for name in (
        "OAuth2PasswordBearer",
        "OAuth2AuthorizationCodeBearer",
        "OAuth2",
        "HTTPBearer",
        "HTTPBasic",
        "HTTPDigest",
        "HTTPBase",
        "APIKeyHeader",
        "APIKeyQuery",
        "APIKeyCookie",
        "APIKeyBase",
        "OpenIdConnect",
        "SecurityBase",
    )
)
LOGIN_FORMS = frozenset(
    {
        "fastapi.security.OAuth2PasswordRequestForm",
        "fastapi.security.OAuth2PasswordRequestFormStrict",
    }
)
# A dependency reading one of these headers is checking credentials by hand.
AUTH_HEADERS = frozenset(
    {
        "authorization",
        "x_api_key",
        "api_key",
        "apikey",
        "x_auth_token",
        "x_token",
        "x_access_token",
        "token",
        "access_token",
    }
)
CREDENTIAL_SOURCES = frozenset({"fastapi.Header", "fastapi.Query", "fastapi.Cookie"})
DEPENDS = "fastapi.Depends"
SECURITY = "fastapi.Security"
ANNOTATED = frozenset({"typing.Annotated"})

# ``FastAPI(...)`` attributes routes are commonly registered at
# (``@app.get(app.swagger_ui_oauth2_redirect_url)``), with FastAPI's defaults.
APP_ATTRIBUTE_DEFAULTS = {
    "docs_url": "/docs",
    "redoc_url": "/redoc",
    "openapi_url": "/openapi.json",
    "swagger_ui_oauth2_redirect_url": "/docs/oauth2-redirect",
    "root_path": "",
}
APP_CLASS = "fastapi.FastAPI"

# Routers from libraries that register their own routes (astroid's "brain" idea): the
# class, the keyword holding the path (default ""), and the methods it serves there.
LIBRARY_ROUTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "strawberry.fastapi.GraphQLRouter": ("path", ("GET", "POST", "WEBSOCKET")),
    "strawberry.fastapi.router.GraphQLRouter": ("path", ("GET", "POST", "WEBSOCKET")),
}
