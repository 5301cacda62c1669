import pydantic as pd


class Item(pd.BaseModel):
    name: str

    class Config:
        anystr_strip_whitespace = True


class Other(pd.BaseModel):
    model_config = pd.ConfigDict(orm_mode=True, extra="forbid",)
