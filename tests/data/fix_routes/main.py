"""The app: routes on ``app`` itself, no status import (literal codes)."""

from fastapi import APIRouter, FastAPI

import items_alias
import items_direct
import items_starlette
import items_status
import notes_plain
import pag_annotated
import pag_depends
import pag_dotted
import pag_plain
import pag_query
from models import Item, ItemCreate

app = FastAPI()
app.include_router(items_status.router)
app.include_router(items_alias.router)
app.include_router(items_starlette.router)
app.include_router(items_direct.router)

api = APIRouter(prefix="/v1")
api.include_router(notes_plain.router)
app.include_router(api)

for module in (pag_plain, pag_depends, pag_query, pag_annotated, pag_dotted):
    app.include_router(module.router)


# creating a widget
@app.post("/widgets", tags=["widgets"])  # trailing comment on the decorator
def create_widget(body: ItemCreate) -> Item:
    return Item(id=1, name=body.name)


def delete_widget(widget_id: int) -> None:
    return None


app.add_api_route("/widgets/{widget_id}", delete_widget, methods=["DELETE"], tags=["widgets"])
