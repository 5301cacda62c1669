from pydantic import BaseModel, ConfigDict


class UserOut(BaseModel):
    """A user as the API shows it."""

    id: int
    name: str


class UserBrief(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
