from typing import (Any, Callable, ClassVar, Dict, Final, FrozenSet, Generator, Iterable,
                    Iterator, List, Literal, Mapping, NoReturn, Optional, Sequence, Set,
                    Tuple, Type, TypeVar, Union)
import typing

T = TypeVar("T")
K = TypeVar("K", bound=int)
V = TypeVar("V", int, str)


class Node:
    pass


for form in [Any, List, List[int], Dict[str, List[int]], Optional[int], Union[int, str],
             Union[int, None, str], Optional[Union[int, str]], Tuple[int, ...], Tuple[()],
             Tuple[int, str], Callable[[int, str], bool], Callable[..., int], Type[Node],
             T, K, Set[T], FrozenSet[int], Iterable[int], Iterator[str],
             Generator[int, None, None], Sequence[int], Mapping[str, int],
             Literal[1, "a"], ClassVar[int], Final[int], NoReturn, Union[int],
             List[Node], Optional[List[Node]], Union, Optional, Callable, Tuple]:
    print(form)
print(List[int] == List[int], List[int] == List[str], Union[int, str] == Union[str, int])
print(Dict[str, T][int], Union[int, List[T]][str])
print(typing.get_origin(Dict[str, int]), typing.get_args(Callable[[int], str]))
print(typing.get_args(Optional[int]))
print(V.__constraints__, K.__bound__, T.__name__, typing.TYPE_CHECKING)
print(typing.cast(int, "text"), typing.Text, typing.AnyStr)
UserId = typing.NewType("UserId", int)
print(UserId(5), UserId)
