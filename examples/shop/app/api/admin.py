"""User administration for the support team."""

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select

from app.deps import PageDep, SessionDep, require_admin
from app.models import User
from app.schemas import UserOut

# Written for the support team, but never added to app/main.py:
# every route below answers 404.
router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])  # error: FL401


@router.get("/users", response_model=list[UserOut])
def list_all_users(session: SessionDep, page: PageDep):
    query = select(User).order_by(User.id).offset(page.offset).limit(page.limit)
    return session.scalars(query).all()


@router.post("/users/{user_id}/deactivate", response_model=UserOut)
def deactivate_user(user_id: int, session: SessionDep):
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="User not found")
    user.is_active = False
    session.commit()
    return user
