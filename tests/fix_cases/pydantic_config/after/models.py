"""Models in every style the FL601/FL603 fixes must carry over."""

from pydantic import BaseModel, ConfigDict, Field


class UserOut(BaseModel):
    id: int
    display_name: str = Field(alias="displayName")

    # read from the ORM layer
    model_config = ConfigDict(
        # How users are read.
        from_attributes=True,  # rows from SQLAlchemy
        populate_by_name=True,
        extra="forbid",
        # the end
    )


class Frozen(BaseModel):
    name: str

    model_config = ConfigDict(
        frozen=True,
        json_schema_extra={
            "example": {"name": "Ada"},
        },
    )


class AlreadyV2(BaseModel):
    model_config = {'from_attributes': True, "extra": "ignore"}


class Keyword(BaseModel):
    model_config = dict(extra="forbid")


class Mixed(BaseModel):
    x: int
    model_config = {"extra": "forbid", "validate_default": True, "smart_union": True}


class Blocked(BaseModel):
    class Config:
        fields = {"x": "y"}
