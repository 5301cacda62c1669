from fastapi import APIRouter
from fastapi import status as http

router = APIRouter(prefix="/users", tags=["users"])
other = APIRouter(prefix="/orders", tags=["orders"])


@router.post("/", response_model=dict, status_code=http.HTTP_201_CREATED)
async def create_user() -> dict[str, int]:
    return {"id": 1}


@router.delete("/{user_id}", response_model=None, status_code=http.HTTP_204_NO_CONTENT)
async def delete_user(user_id: int):
    return None
