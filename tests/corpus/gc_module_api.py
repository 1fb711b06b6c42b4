# The gc module's interface: switches, thresholds, constants, argument errors.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(800, 20)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())

print(type(gc.get_count()).__name__, len(gc.get_count()))
print(gc.garbage, gc.callbacks)
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.get_debug())
gc.set_debug(0)
print(sorted(gc.get_stats()[0].keys()), len(gc.get_stats()))
print(type(gc.collect()).__name__, type(gc.collect(0)).__name__, type(gc.collect(generation=1)).__name__)

print(gc.is_tracked([]), gc.is_tracked({"a": []}), gc.is_tracked(1), gc.is_tracked("s"))
print(gc.is_tracked(([],)), gc.is_tracked(None), gc.is_tracked(lambda: 0))

for call in [
    lambda: gc.collect(3),
    lambda: gc.collect(-1),
    lambda: gc.collect("x"),
    lambda: gc.collect(1, 2),
    lambda: gc.collect(gen=1),
    lambda: gc.enable(1),
    lambda: gc.isenabled(None),
    lambda: gc.set_threshold(),
    lambda: gc.set_threshold(1, 2, 3, 4),
    lambda: gc.set_threshold(1.5),
    lambda: gc.set_threshold(2 ** 40),
    lambda: gc.set_threshold(a=1),
    lambda: gc.is_tracked(),
]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)

print(gc.get_threshold())
gc.collect(2 ** 70)
