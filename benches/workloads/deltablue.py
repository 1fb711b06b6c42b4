# Models the DeltaBlue benchmark: an incremental one-way dataflow constraint solver. Constraints
# of different strengths are added and removed, the planner walks the constraint graph to
# keep every variable determined by its strongest satisfiable constraint, then extracts a plan
# and runs it (a long equality chain, and a projection through scale/offset constraints).
# Stresses: class hierarchies with overridden methods (polymorphic calls through
# Unary/Binary/Scale/Equality constraints), attribute access, lists used as queues, and
# identity comparisons.

CHAIN_LENGTH = 1200
PROJECTION_SIZE = 1200
ROUNDS = 12


class Strength:
    def __init__(self, level, name):
        self.level = level
        self.name = name

    def weaker_neighbour(self):
        return STRENGTH_BY_LEVEL[self.level + 1]


def stronger(a, b):
    return a.level < b.level


def weaker(a, b):
    return a.level > b.level


def weakest(a, b):
    return a if a.level > b.level else b


REQUIRED = Strength(0, "required")
STRONG_PREFERRED = Strength(1, "strongPreferred")
PREFERRED = Strength(2, "preferred")
STRONG_DEFAULT = Strength(3, "strongDefault")
NORMAL = Strength(4, "normal")
WEAK_DEFAULT = Strength(5, "weakDefault")
WEAKEST = Strength(6, "weakest")
STRENGTH_BY_LEVEL = [REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL,
                     WEAK_DEFAULT, WEAKEST]

NO_DIRECTION = 0
FORWARD = 1
BACKWARD = 2


class SolverError(Exception):
    pass


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def attach(self, constraint):
        self.constraints.append(constraint)

    def detach(self, constraint):
        self.constraints.remove(constraint)
        if self.determined_by is constraint:
            self.determined_by = None


class Constraint:
    def __init__(self, solver, strength):
        self.solver = solver
        self.strength = strength

    def install(self):
        self.add_to_graph()
        self.solver.incremental_add(self)

    def uninstall(self):
        if self.is_satisfied():
            self.solver.incremental_remove(self)
        else:
            self.remove_from_graph()

    def is_input(self):
        return False

    def satisfy(self, mark):
        """Try to satisfy this constraint; return the constraint it overrode, if any."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength is REQUIRED:
                raise SolverError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not self.solver.propagate_from(self, mark):
            raise SolverError("cycle encountered")
        out.mark = mark
        return overridden


class UnaryConstraint(Constraint):
    def __init__(self, solver, variable, strength):
        Constraint.__init__(self, solver, strength)
        self.target = variable
        self.satisfied = False
        self.install()

    def add_to_graph(self):
        self.target.attach(self)
        self.satisfied = False

    def remove_from_graph(self):
        self.target.detach(self)
        self.satisfied = False

    def choose_method(self, mark):
        target = self.target
        self.satisfied = target.mark != mark and stronger(self.strength, target.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.target

    def recalculate(self):
        target = self.target
        target.walk_strength = self.strength
        target.stay = not self.is_input()
        if target.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def execute(self):
        pass


class StayConstraint(UnaryConstraint):
    """Keeps a variable at its current value unless something stronger changes it."""


class EditConstraint(UnaryConstraint):
    """Marks a variable the user is about to change from outside the solver."""

    def is_input(self):
        return True


class BinaryConstraint(Constraint):
    def __init__(self, solver, first, second, strength):
        Constraint.__init__(self, solver, strength)
        self.first = first
        self.second = second
        self.direction = NO_DIRECTION
        self.install()

    def choose_method(self, mark):
        first, second = self.first, self.second
        if first.mark == mark:
            if second.mark != mark and stronger(self.strength, second.walk_strength):
                self.direction = FORWARD
            else:
                self.direction = NO_DIRECTION
        elif second.mark == mark:
            if stronger(self.strength, first.walk_strength):
                self.direction = BACKWARD
            else:
                self.direction = NO_DIRECTION
        elif weaker(first.walk_strength, second.walk_strength):
            if stronger(self.strength, first.walk_strength):
                self.direction = BACKWARD
            else:
                self.direction = NO_DIRECTION
        else:
            self.direction = FORWARD if stronger(self.strength, second.walk_strength) else BACKWARD

    def add_to_graph(self):
        self.first.attach(self)
        self.second.attach(self)
        self.direction = NO_DIRECTION

    def remove_from_graph(self):
        self.first.detach(self)
        self.second.detach(self)
        self.direction = NO_DIRECTION

    def is_satisfied(self):
        return self.direction != NO_DIRECTION

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.first if self.direction == FORWARD else self.second

    def output(self):
        return self.second if self.direction == FORWARD else self.first

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = weakest(self.strength, source.walk_strength)
        out.stay = source.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NO_DIRECTION

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """second = first * scale + offset, solvable in either direction."""

    def __init__(self, solver, source, scale, offset, dest, strength):
        self.scale = scale
        self.offset = offset
        BinaryConstraint.__init__(self, solver, source, dest, strength)

    def add_to_graph(self):
        BinaryConstraint.add_to_graph(self)
        self.scale.attach(self)
        self.offset.attach(self)

    def remove_from_graph(self):
        BinaryConstraint.remove_from_graph(self)
        self.scale.detach(self)
        self.offset.detach(self)

    def mark_inputs(self, mark):
        BinaryConstraint.mark_inputs(self, mark)
        self.scale.mark = mark
        self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.second.value = self.first.value * self.scale.value + self.offset.value
        else:
            self.first.value = (self.second.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = weakest(self.strength, source.walk_strength)
        out.stay = source.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Plan:
    def __init__(self):
        self.steps = []

    def execute(self):
        for constraint in self.steps:
            constraint.execute()


class Solver:
    def __init__(self):
        self.current_mark = 0
        self.plans_built = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, constraint):
        mark = self.new_mark()
        overridden = constraint.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, constraint):
        out = constraint.output()
        constraint.mark_unsatisfied()
        constraint.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        strength = REQUIRED
        while True:
            for candidate in unsatisfied:
                if candidate.strength is strength:
                    self.incremental_add(candidate)
            strength = strength.weaker_neighbour()
            if strength is WEAKEST:
                break

    def propagate_from(self, constraint, mark):
        todo = [constraint]
        while todo:
            current = todo.pop()
            if current.output().mark == mark:
                self.incremental_remove(constraint)
                return False
            current.recalculate()
            self.collect_consumers(current.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        while todo:
            variable = todo.pop()
            for constraint in variable.constraints:
                if not constraint.is_satisfied():
                    unsatisfied.append(constraint)
            determining = variable.determined_by
            for constraint in variable.constraints:
                if constraint is not determining and constraint.is_satisfied():
                    constraint.recalculate()
                    todo.append(constraint.output())
        return unsatisfied

    def collect_consumers(self, variable, into):
        determining = variable.determined_by
        for constraint in variable.constraints:
            if constraint is not determining and constraint.is_satisfied():
                into.append(constraint)

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = Plan()
        todo = sources
        while todo:
            constraint = todo.pop()
            out = constraint.output()
            if out.mark != mark and constraint.inputs_known(mark):
                plan.steps.append(constraint)
                out.mark = mark
                self.collect_consumers(out, todo)
        self.plans_built += 1
        return plan

    def plan_for_inputs(self, constraints):
        sources = [c for c in constraints if c.is_input() and c.is_satisfied()]
        return self.make_plan(sources)


def chain_test(length):
    """A chain of equalities first = v1 = ... = last; editing `first` must reach `last`."""
    solver = Solver()
    variables = [Variable("v%d" % i) for i in range(length + 1)]
    for left, right in zip(variables, variables[1:]):
        EqualityConstraint(solver, left, right, REQUIRED)
    first, last = variables[0], variables[-1]
    StayConstraint(solver, last, STRONG_DEFAULT)
    edit = EditConstraint(solver, first, PREFERRED)
    plan = solver.plan_for_inputs([edit])
    total = 0
    for value in range(100):
        first.value = value
        plan.execute()
        if last.value != value:
            raise SolverError("chain test failed")
        total += last.value
    edit.uninstall()
    return total + len(plan.steps) + solver.current_mark


def change(solver, variable, value):
    edit = EditConstraint(solver, variable, PREFERRED)
    plan = solver.plan_for_inputs([edit])
    for _ in range(10):
        variable.value = value
        plan.execute()
    edit.uninstall()


def projection_test(size):
    """Pairs dest = src * scale + offset; change both ends, then the shared scale and offset."""
    solver = Solver()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    sources = []
    dests = []
    for i in range(size):
        src = Variable("src%d" % i, i)
        dst = Variable("dst%d" % i, i)
        sources.append(src)
        dests.append(dst)
        StayConstraint(solver, src, NORMAL)
        ScaleConstraint(solver, src, scale, offset, dst, REQUIRED)
    change(solver, sources[-1], 17)
    if dests[-1].value != 1170:
        raise SolverError("projection: forward change failed")
    change(solver, dests[-1], 1050)
    if sources[-1].value != 5:
        raise SolverError("projection: backward change failed")
    change(solver, scale, 5)
    for i in range(size - 1):
        if dests[i].value != i * 5 + 1000:
            raise SolverError("projection: scale change failed")
    change(solver, offset, 2000)
    for i in range(size - 1):
        if dests[i].value != i * 5 + 2000:
            raise SolverError("projection: offset change failed")
    return sum(d.value for d in dests) + solver.current_mark + solver.plans_built


def main():
    results = []
    for _ in range(ROUNDS):
        results.append((chain_test(CHAIN_LENGTH), projection_test(PROJECTION_SIZE)))
    assert all(r == results[0] for r in results)
    chain, projection = results[0]
    print("chain", CHAIN_LENGTH, chain)
    print("projection", PROJECTION_SIZE, projection)


main()
