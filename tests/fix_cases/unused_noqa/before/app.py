from fastapi import FastAPI

app = FastAPI()


@app.get("/a", tags=["a"])  # noqa: FL101
def a() -> None: ...


@app.get("/b", tags=["b"])  # noqa: FL101, E501
def b() -> None: ...


@app.get("/c", tags=["c"])  # noqa: FL201 -- kept for the old client
def c() -> None: ...


@app.get("/d", tags=["d"])  # type: ignore  # noqa: missing-tags  # a later note
def d() -> None: ...


@app.delete("/e", tags=["e"])  # noqa: FL102, FL201
def e() -> None: ...


# noqa: FL101
x = 1
