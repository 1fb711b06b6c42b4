# swallow built with fat LTO and the committed PGO profile, in a slim Debian image, for people
# who build images with Docker or Podman:
#
#     docker build -t swallow .          (or: podman build -t swallow .)
#     docker run --rm -v "$PWD:/src" -w /src swallow prog.py
#
# `cargo xtask image` builds the same binary into an OCI archive without a container engine,
# reproducibly and with only the libraries swallow loads (README, "Container image").

# The committed profile is checked against rustc's LLVM major version and the host triple
# (pgo-profiles/swallow.manifest.json: rustc 1.95, x86_64-unknown-linux-gnu), so build with that
# toolchain on (or for) linux/amd64.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
# pgo-build's preflight adds rustup's llvm-tools component and installs cargo-pgo; the
# optimized binary lands in target/pgo/swallow-pgo.
RUN cargo xtask pgo-build --profile pgo-profiles/swallow.profdata --no-measure

# swallow needs only glibc, libm and libgcc_s, all in the slim image (built against the same
# Debian release, so the same glibc); its standard modules are built into the binary.
FROM debian:bookworm-slim
LABEL org.opencontainers.image.title="swallow" \
      org.opencontainers.image.description="swallow, a Python 3.11 interpreter written in Rust"
COPY --from=build /src/target/pgo/swallow-pgo /usr/local/bin/swallow
WORKDIR /
ENTRYPOINT ["swallow"]
