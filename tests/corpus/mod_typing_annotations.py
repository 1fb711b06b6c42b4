from __future__ import annotations

from typing import Dict, Generic, List, Optional, Protocol, TypeVar, overload, final

T = TypeVar("T")


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> Optional[T]:
        return self.items.pop() if self.items else None


class Greeter(Protocol):
    def greet(self, name: str) -> str: ...


@final
class English:
    def greet(self, name: str) -> str:
        return "Hello, " + name


def count_words(text: str) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x):
    return x * 2


s: Stack[int] = Stack[int]()
s.push(1)
s.push(2)
print(s.pop(), s.pop(), s.pop())
print(English().greet("Ada"), count_words("a b a"), double(4), double("ab"))
print(issubclass(Stack, Generic), Stack.__name__)
