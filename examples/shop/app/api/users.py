"""User accounts. Every route takes the current user as a parameter."""

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import select

from app.deps import CurrentUser, PageDep, SessionDep
from app.models import Order, User
from app.schemas import OrderOut, PublicProfile, UserOut

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/{user_id}", response_model=PublicProfile)
def read_user(user_id: int, session: SessionDep, _: CurrentUser):
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="User not found")
    return user


# Registered after /{user_id}, which matches any segment: GET /users/me is
# answered by read_user(user_id="me") with a 422 and never reaches this handler.
@router.get("/me", response_model=UserOut)  # error: FL403
def read_me(current_user: CurrentUser):
    return current_user


# The team's convention is 204 for deletes; without status_code this answers 200 + null.
@router.delete("/me")  # error: FL102
def delete_account(current_user: CurrentUser, session: SessionDep) -> None:
    current_user.is_active = False
    session.add(current_user)
    session.commit()


# Added later, without the CurrentUser parameter every other route here takes:
# anyone can list anyone's orders.
@router.get("/{user_id}/orders", response_model=list[OrderOut])  # error: FL301
def list_user_orders(user_id: int, session: SessionDep, page: PageDep):
    query = (
        select(Order)
        .where(Order.user_id == user_id)
        .order_by(Order.created_at.desc())
        .offset(page.offset)
        .limit(page.limit)
    )
    return session.scalars(query).all()
