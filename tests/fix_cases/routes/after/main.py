from fastapi import FastAPI

from . import literal, plain, with_status

app = FastAPI()
app.include_router(with_status.router)
app.include_router(literal.router)
app.include_router(literal.other)
app.include_router(plain.router)
