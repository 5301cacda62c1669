from fastapi import FastAPI

app = FastAPI()


@app.get("/a", tags=["a"])
def a() -> None: ...


@app.get("/b", tags=["b"])  # noqa: E501
def b() -> None: ...


@app.get("/c", tags=["c"])  # -- kept for the old client
def c() -> None: ...


@app.get("/d", tags=["d"])  # type: ignore  # a later note
def d() -> None: ...


@app.delete("/e", tags=["e"])  # noqa: FL102
def e() -> None: ...



x = 1
