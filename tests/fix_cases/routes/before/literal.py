from fastapi import APIRouter
from fastapi import status as http

router = APIRouter(prefix="/users", tags=["users"])
other = APIRouter(prefix="/orders", tags=["orders"])


@router.post("/", response_model=dict)
async def create_user() -> dict[str, int]:
    return {"id": 1}


@router.delete("/{user_id}", response_model=None)
async def delete_user(user_id: int):
    return None
