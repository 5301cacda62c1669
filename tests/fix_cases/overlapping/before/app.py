from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class UserOut(BaseModel):
    id: int

    class Config:
        extra = "forbid"


class Other(BaseModel):
    class Config:
        frozen = True


app = FastAPI()


@app.get("/users/{user_id}", tags=["users"])
def read_user(user_id: int, session: Session) -> UserOut:
    return UserOut.model_validate(session.get(User, user_id))
