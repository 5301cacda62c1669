import pydantic as pd


class Item(pd.BaseModel):
    name: str

    model_config = pd.ConfigDict(str_strip_whitespace=True)


class Other(pd.BaseModel):
    model_config = pd.ConfigDict(from_attributes=True, extra="forbid",)
