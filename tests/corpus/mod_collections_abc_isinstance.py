from collections.abc import (Iterable, Iterator, Sized, Container, Callable, Hashable,
                             Sequence, MutableSequence, Mapping, MutableMapping, Set,
                             MutableSet, Collection, Generator, Reversible)
import collections.abc
import collections

samples = [[1], (1,), "s", {"k": 1}, {1}, frozenset(), range(3), 5, 2.5, None, len,
           iter([]), (x for x in []), collections.deque(), b"b"]
abcs = [Iterable, Iterator, Sized, Container, Callable, Hashable, Sequence, MutableSequence,
        Mapping, MutableMapping, Set, MutableSet, Collection, Generator, Reversible]
for value in samples:
    row = [abc.__name__ for abc in abcs if isinstance(value, abc)]
    name = type(value).__name__
    print("iterator" if name.endswith("iterator") else name, row)
print(issubclass(list, Sequence), issubclass(dict, Mapping), issubclass(int, Iterable))
print(collections.abc.Mapping is Mapping)


class Bag:
    def __len__(self):
        return 0

    def __iter__(self):
        return iter([])

    def __contains__(self, x):
        return False


class Fn:
    def __call__(self):
        return 1


class NoHash:
    __hash__ = None


print(isinstance(Bag(), Sized), isinstance(Bag(), Iterable), isinstance(Bag(), Collection))
print(isinstance(Bag(), Sequence), isinstance(Fn(), Callable), isinstance(Fn(), Iterable))
print(isinstance(NoHash(), Hashable), isinstance(Fn(), Hashable))
