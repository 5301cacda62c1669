from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from .models import User
from .schemas import UserBrief, UserOut


def get_session() -> Session: ...


app = FastAPI()


@app.get("/users/{user_id}", tags=["users"])
def read_user(user_id: int, session: Session = Depends(get_session)) -> UserOut:
    user = session.get(User, user_id)
    return UserOut.model_validate(user)


@app.get("/users/{user_id}/brief", tags=["users"])
def read_brief(user_id: int, session: Session = Depends(get_session)) -> UserBrief:
    return UserBrief.model_validate(session.get(User, user_id))
