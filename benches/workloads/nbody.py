# Models the n-body benchmark: the Jovian planets orbiting the sun, integrated with a simple
# symplectic Euler step. Stresses: float arithmetic on values held in lists, tuple unpacking,
# nested loops over a precomputed list of body pairs, and subscript loads/stores.

STEPS = 100000
STEP_SIZE = 0.01

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def make_body(x, y, z, vx, vy, vz, mass):
    # Positions in AU, velocities in AU/day converted to AU/year, masses in solar masses.
    return [[x, y, z], [vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR, vz * DAYS_PER_YEAR],
            mass * SOLAR_MASS]


def solar_system():
    sun = make_body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    jupiter = make_body(4.84143144246472090e+00, -1.16032004402742839e+00,
                        -1.03622044471123109e-01, 1.66007664274403694e-03,
                        7.69901118419740425e-03, -6.90460016972063023e-05,
                        9.54791938424326609e-04)
    saturn = make_body(8.34336671824457987e+00, 4.12479856412430479e+00,
                       -4.03523417114321381e-01, -2.76742510726862411e-03,
                       4.99852801234917238e-03, 2.30417297573763929e-05,
                       2.85885980666130812e-04)
    uranus = make_body(1.28943695621391310e+01, -1.51111514016986312e+01,
                       -2.23307578892655734e-01, 2.96460137564761618e-03,
                       2.37847173959480950e-03, -2.96589568540237556e-05,
                       4.36624404335156298e-05)
    neptune = make_body(1.53796971148509165e+01, -2.59193146099879641e+01,
                        1.79258772950371181e-01, 2.68067772490389322e-03,
                        1.62824170038242295e-03, -9.51592254519715870e-05,
                        5.15138902046611451e-05)
    return [sun, jupiter, saturn, uranus, neptune]


def all_pairs(bodies):
    pairs = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            pairs.append((bodies[i], bodies[j]))
    return pairs


def offset_momentum(bodies):
    """Give the sun the velocity that makes the system's total momentum zero."""
    px = py = pz = 0.0
    for _, (vx, vy, vz), mass in bodies:
        px += vx * mass
        py += vy * mass
        pz += vz * mass
    sun_velocity, sun_mass = bodies[0][1], bodies[0][2]
    sun_velocity[0] = -px / sun_mass
    sun_velocity[1] = -py / sun_mass
    sun_velocity[2] = -pz / sun_mass


def energy(bodies, pairs):
    total = 0.0
    for (pos1, _, m1), (pos2, _, m2) in pairs:
        dx = pos1[0] - pos2[0]
        dy = pos1[1] - pos2[1]
        dz = pos1[2] - pos2[2]
        total -= (m1 * m2) / (dx * dx + dy * dy + dz * dz) ** 0.5
    for _, (vx, vy, vz), mass in bodies:
        total += mass * (vx * vx + vy * vy + vz * vz) / 2.0
    return total


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (pos1, vel1, m1), (pos2, vel2, m2) in pairs:
            dx = pos1[0] - pos2[0]
            dy = pos1[1] - pos2[1]
            dz = pos1[2] - pos2[2]
            distance_sq = dx * dx + dy * dy + dz * dz
            magnitude = dt / (distance_sq * distance_sq ** 0.5)
            b1 = m1 * magnitude
            b2 = m2 * magnitude
            vel1[0] -= dx * b2
            vel1[1] -= dy * b2
            vel1[2] -= dz * b2
            vel2[0] += dx * b1
            vel2[1] += dy * b1
            vel2[2] += dz * b1
        for pos, (vx, vy, vz), _ in bodies:
            pos[0] += dt * vx
            pos[1] += dt * vy
            pos[2] += dt * vz


def main():
    bodies = solar_system()
    pairs = all_pairs(bodies)
    offset_momentum(bodies)
    print("energy before %.9f" % energy(bodies, pairs))
    advance(bodies, pairs, STEP_SIZE, STEPS)
    print("energy after  %.9f" % energy(bodies, pairs))
    x, y, z = bodies[1][0]
    print("jupiter at %.6f %.6f %.6f" % (x, y, z))


main()
