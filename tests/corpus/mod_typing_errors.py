from typing import Any, List, Optional, Union

for attempt in [lambda: Any[int], lambda: List[int][str], lambda: Optional[int, str],
                lambda: List[int, str], lambda: Union[()], lambda: List()]:
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
Optional[int, str]
