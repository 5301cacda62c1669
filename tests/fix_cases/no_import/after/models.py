"""No pydantic import line to extend: the model's base comes from a project module."""

import json

from .base import Base
from pydantic import ConfigDict


class Item(Base):
    model_config = ConfigDict(extra="forbid")


print(json.dumps({}))
