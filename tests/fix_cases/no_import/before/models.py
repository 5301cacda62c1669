"""No pydantic import line to extend: the model's base comes from a project module."""

import json

from .base import Base


class Item(Base):
    class Config:
        extra = "forbid"


print(json.dumps({}))
