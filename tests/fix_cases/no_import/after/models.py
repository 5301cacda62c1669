"""No pydantic import line to extend: the model's base comes from a project module."""

import json

from pydantic import ConfigDict

from .base import Base


class Item(Base):
    model_config = ConfigDict(extra="forbid")


print(json.dumps({}))
