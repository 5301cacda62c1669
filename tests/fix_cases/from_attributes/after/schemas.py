from pydantic import BaseModel, ConfigDict


class UserOut(BaseModel):
    """A user as the API shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class UserBrief(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: int
