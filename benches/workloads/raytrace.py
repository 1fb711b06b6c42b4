# Models the raytrace benchmark: a small Whitted-style ray tracer rendering spheres on a
# checkered plane, lit by two point lights with shadows, Phong highlights and mirror
# reflections, into a small image whose 8-bit pixel values are folded into a checksum.
# Stresses: a Vector class with operator overloading (__add__, __sub__, __mul__, __rmul__,
# __neg__) creating many temporary instances, polymorphic intersect/normal_at methods on
# scene objects, recursion, float math (sqrt, pow), and None checks.

from math import sqrt

WIDTH = 208
HEIGHT = 156
MAX_DEPTH = 3
EPSILON = 1e-7


class Vector:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, factor):
        return Vector(self.x * factor, self.y * factor, self.z * factor)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector(self.y * other.z - self.z * other.y,
                      self.z * other.x - self.x * other.z,
                      self.x * other.y - self.y * other.x)

    def length(self):
        return sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def reflect(self, normal):
        return self - normal * (2.0 * self.dot(normal))

    def scale_each(self, other):
        return Vector(self.x * other.x, self.y * other.y, self.z * other.z)


BLACK = Vector(0.0, 0.0, 0.0)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def point_at(self, distance):
        return self.origin + self.direction * distance


class Material:
    def __init__(self, color, diffuse=0.8, specular=0.3, shininess=20.0, mirror=0.0,
                 checker=None):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess
        self.mirror = mirror
        self.checker = checker

    def color_at(self, point):
        if self.checker is None:
            return self.color
        if (int(point.x // 1.5) + int(point.z // 1.5)) % 2 == 0:
            return self.color
        return self.checker


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        """Distance along `ray` to the nearest hit in front of its origin, or None."""
        to_center = ray.origin - self.center
        b = to_center.dot(ray.direction)
        c = to_center.dot(to_center) - self.radius * self.radius
        discriminant = b * b - c
        if discriminant < 0.0:
            return None
        root = sqrt(discriminant)
        near = -b - root
        if near > EPSILON:
            return near
        far = -b + root
        if far > EPSILON:
            return far
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        facing = ray.direction.dot(self.normal)
        if abs(facing) < EPSILON:
            return None
        distance = (self.point - ray.origin).dot(self.normal) / facing
        if distance > EPSILON:
            return distance
        return None

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, color):
        self.position = position
        self.color = color


class Scene:
    def __init__(self, objects, lights, ambient):
        self.objects = objects
        self.lights = lights
        self.ambient = ambient
        self.rays_cast = 0

    def nearest_hit(self, ray):
        self.rays_cast += 1
        best_distance = None
        best_object = None
        for candidate in self.objects:
            distance = candidate.intersect(ray)
            if distance is not None and (best_distance is None or distance < best_distance):
                best_distance = distance
                best_object = candidate
        return best_object, best_distance

    def in_shadow(self, point, light):
        to_light = light.position - point
        distance = to_light.length()
        ray = Ray(point, to_light)
        for candidate in self.objects:
            hit = candidate.intersect(ray)
            if hit is not None and hit < distance:
                return True
        return False

    def trace(self, ray, depth):
        hit_object, distance = self.nearest_hit(ray)
        if hit_object is None:
            # Sky: a vertical gradient.
            t = 0.5 * (ray.direction.y + 1.0)
            return Vector(0.2, 0.3, 0.5) * (1.0 - t) + Vector(0.6, 0.8, 1.0) * t
        point = ray.point_at(distance)
        normal = hit_object.normal_at(point)
        if normal.dot(ray.direction) > 0.0:
            normal = -normal
        material = hit_object.material
        base = material.color_at(point)
        color = base.scale_each(self.ambient)
        for light in self.lights:
            if self.in_shadow(point, light):
                continue
            to_light = (light.position - point).normalized()
            lambert = normal.dot(to_light)
            if lambert > 0.0:
                color = color + base.scale_each(light.color) * (lambert * material.diffuse)
            highlight = to_light.reflect(normal).dot(ray.direction)
            if highlight > 0.0:
                color = color + light.color * (material.specular * highlight ** material.shininess)
        if material.mirror > 0.0 and depth < MAX_DEPTH:
            bounce = Ray(point, ray.direction.reflect(normal))
            reflected = self.trace(bounce, depth + 1)
            color = color * (1.0 - material.mirror) + material.mirror * reflected
        return color


class Camera:
    def __init__(self, eye, look_at, up, field):
        self.eye = eye
        self.forward = (look_at - eye).normalized()
        self.right = self.forward.cross(up).normalized()
        self.up = self.right.cross(self.forward)
        self.field = field

    def ray_through(self, column, row, width, height):
        aspect = width / height
        x = (2.0 * (column + 0.5) / width - 1.0) * self.field * aspect
        y = (1.0 - 2.0 * (row + 0.5) / height) * self.field
        return Ray(self.eye, self.forward + self.right * x + self.up * y)


def to_byte(channel):
    if channel <= 0.0:
        return 0
    if channel >= 1.0:
        return 255
    return int(channel * 255.0 + 0.5)


def build_scene():
    objects = [
        Plane(Vector(0.0, 0.0, 0.0), Vector(0.0, 1.0, 0.0),
              Material(Vector(0.9, 0.9, 0.9), checker=Vector(0.2, 0.2, 0.25), mirror=0.15)),
        Sphere(Vector(0.0, 1.0, 0.0), 1.0,
               Material(Vector(0.9, 0.2, 0.2), mirror=0.35, shininess=40.0)),
        Sphere(Vector(-2.2, 0.7, 1.0), 0.7, Material(Vector(0.2, 0.8, 0.3), specular=0.5)),
        Sphere(Vector(1.9, 0.5, 1.2), 0.5, Material(Vector(0.3, 0.4, 0.9), mirror=0.6)),
        Sphere(Vector(0.8, 0.3, 2.4), 0.3, Material(Vector(0.9, 0.8, 0.1))),
    ]
    lights = [
        Light(Vector(-4.0, 6.0, 5.0), Vector(0.8, 0.8, 0.8)),
        Light(Vector(5.0, 4.0, 2.0), Vector(0.4, 0.35, 0.3)),
    ]
    return Scene(objects, lights, Vector(0.12, 0.12, 0.15))


def render(scene, camera, width, height):
    pixels = []
    for row in range(height):
        for column in range(width):
            color = scene.trace(camera.ray_through(column, row, width, height), 0)
            pixels.append((to_byte(color.x), to_byte(color.y), to_byte(color.z)))
    return pixels


def main():
    scene = build_scene()
    camera = Camera(Vector(0.0, 2.2, 7.0), Vector(0.0, 0.8, 0.0), Vector(0.0, 1.0, 0.0), 0.55)
    pixels = render(scene, camera, WIDTH, HEIGHT)
    checksum = 0
    for red, green, blue in pixels:
        checksum = (checksum * 257 + red * 65536 + green * 256 + blue) % 4294967291
    totals = [sum(p[channel] for p in pixels) for channel in range(3)]
    print("image %dx%d, rays %d" % (WIDTH, HEIGHT, scene.rays_cast))
    print("channel sums", totals)
    print("checksum", checksum)


main()
