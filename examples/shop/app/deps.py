"""Shared dependencies: database session, authentication, pagination, rate limiting."""

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from app.db import get_session
from app.models import User
from app.security import decode_access_token

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="auth/token")

SessionDep = Annotated[Session, Depends(get_session)]


def get_current_user(session: SessionDep, token: str = Depends(oauth2_scheme)) -> User:
    user_id = decode_access_token(token)
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Could not validate credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def require_admin(user: CurrentUser) -> User:
    if not user.is_admin:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Admins only")
    return user


@dataclass(frozen=True)
class Pagination:
    offset: int
    limit: int


def pagination(
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Pagination:
    return Pagination(offset=offset, limit=limit)


PageDep = Annotated[Pagination, Depends(pagination)]

_RECENT_CALLS: defaultdict[str, list[float]] = defaultdict(list)


def rate_limit(request: Request) -> None:
    """At most 5 calls per client and minute."""
    client = request.client.host if request.client else "unknown"
    now = time.monotonic()
    recent = [t for t in _RECENT_CALLS[client] if now - t < 60]
    if len(recent) >= 5:
        raise HTTPException(status_code=status.HTTP_429_TOO_MANY_REQUESTS, detail="Slow down")
    _RECENT_CALLS[client] = [*recent, now]
