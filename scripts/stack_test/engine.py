"""The container engine on a machine like our build hosts: Debian's podman with runc, no registry.

Why each step: crun refuses these hosts' hybrid cgroups and the default ulimits cannot be set
(issue 16), so a containers.conf kept under var/ picks runc, cgroupfs and no ulimits; no registry
is reachable, so the base image is made from Debian packages (debootstrap -> podman import) and
cached; there is no systemd to run podman's health-check timers, so a ticker runs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import threading
import time
from pathlib import Path

PACKAGES = ("podman", "runc", "debootstrap")
CONTAINERS_CONF = """\
# Written by `make stack-test` (scripts/stack_test/engine.py). crun refuses this host's hybrid
# cgroups; the default ulimits cannot be set here; no systemd, so cgroupfs and a file event log.
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"
"""
DEBIAN_IMAGE = "localhost/trip-genius/debian-python:bookworm"
# The Debian image plus the CAs this host trusts on top of Debian's: the egress of these hosts
# re-signs TLS, so pip, uv and apt inside a build trust what the host trusts.
BASE_IMAGE = "localhost/trip-genius/debian-python:bookworm-hostca"
HOST_CAS = Path("/usr/local/share/ca-certificates")
# What python:3.11-slim-bookworm gives the Dockerfiles: python/python3, pip, venv, CA certificates.
BASE_PACKAGES = ("python3", "python3-venv", "python3-pip", "python-is-python3", "ca-certificates")
# The nginx stand-in's base (debian:sid-slim's counterpart): nginx >= 1.27.3 is needed for
# `server backend:8080 resolve` in deploy/nginx.conf; bookworm has 1.22, trixie 1.26, sid 1.30.
SID_IMAGE = "localhost/trip-genius/debian:sid"
NICE = ["nice", "-n", "19"]


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


class Engine:
    """podman with this run's containers.conf; every call goes through `podman()`."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.conf = state_dir / "containers.conf"
        self.socket = state_dir / "podman.sock"
        self.env = {**os.environ, "CONTAINERS_CONF": str(self.conf)}
        self._service: subprocess.Popen[bytes] | None = None
        self._ticker_stop = threading.Event()

    # --- host set-up ----------------------------------------------------------------------------
    def install(self) -> None:
        missing = [p for p in PACKAGES if not _installed(p)]
        if not missing:
            return
        say(f"apt-get install {' '.join(missing)} (runc, not crun: hybrid cgroups)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)

    def configure(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(CONTAINERS_CONF)

    def podman(self, *args: str, check: bool = True, capture: bool = True) -> str:
        done = subprocess.run(
            ["podman", *args], env=self.env, check=False, capture_output=capture, text=True
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"podman {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout if capture else ""

    def logs(self, container: str) -> str:
        """A container's stdout and stderr (the backends log JSON lines to stderr)."""
        done = subprocess.run(
            ["podman", "logs", container], env=self.env, capture_output=True, text=True, check=False
        )
        return done.stdout + done.stderr

    # --- the Docker-compatible socket docker-compose talks to -----------------------------------
    def start_service(self) -> str:
        self.socket.unlink(missing_ok=True)
        log = (self.state_dir / "podman-service.log").open("w")
        self._service = subprocess.Popen(
            ["podman", "system", "service", "--time=0", f"unix://{self.socket}"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            if self.socket.exists():
                return f"unix://{self.socket}"
            time.sleep(0.1)
        raise RuntimeError("podman system service did not open its socket")

    def stop_service(self) -> None:
        self._ticker_stop.set()
        if self._service is not None:
            self._service.terminate()
            self._service.wait(timeout=20)

    def start_health_ticker(self, project: str, every_s: float = 5.0) -> None:
        """systemd's job under podman: run each container's health check on a timer."""

        def tick() -> None:
            while not self._ticker_stop.wait(every_s):
                names = self.podman(
                    "ps", "--filter", f"label=com.docker.compose.project={project}",
                    "--format", "{{.Names}}", check=False,
                ).split()  # fmt: skip
                for name in names:
                    self.podman("healthcheck", "run", name, check=False)

        threading.Thread(target=tick, name="health-ticker", daemon=True).start()

    # --- images -----------------------------------------------------------------------------------
    def image_exists(self, ref: str) -> bool:
        done = subprocess.run(["podman", "image", "exists", ref], env=self.env, check=False)
        return done.returncode == 0

    def image_size_mb(self, ref: str) -> float:
        (info,) = json.loads(self.podman("image", "inspect", ref))
        return round(info["Size"] / 1e6, 1)

    def base_image(self) -> str:
        """The Debian image, then one layer with the host's own CAs; both cached."""
        if self.image_exists(BASE_IMAGE):
            return BASE_IMAGE
        debian = self.debian_image()
        context = self.state_dir / "hostca"
        shutil.rmtree(context, ignore_errors=True)
        context.mkdir(parents=True)
        cas = sorted(HOST_CAS.glob("*.crt"))
        for ca in cas:
            shutil.copy(ca, context / ca.name)
        (context / "Containerfile").write_text(
            f"FROM {debian}\n"
            "COPY *.crt /usr/local/share/ca-certificates/\n"
            "RUN update-ca-certificates\n"
            # pip's own certifi and uv's bundled roots do not read the system store by default.
            "ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \\\n"
            "    PIP_CERT=/etc/ssl/certs/ca-certificates.crt\n"
            if cas
            else f"FROM {debian}\n"
        )
        say(f"base image: {debian} + {len(cas)} host CA(s) from {HOST_CAS}")
        self.podman("build", "-t", BASE_IMAGE, str(context))
        return BASE_IMAGE

    def debian_image(
        self,
        suite: str = "bookworm",
        packages: tuple[str, ...] = BASE_PACKAGES,
        tag: str = DEBIAN_IMAGE,
        mirror: str = "http://deb.debian.org/debian",
    ) -> str:
        """A Debian suite (minbase + `packages`) as one imported layer; built once, then cached."""
        if self.image_exists(tag):
            return tag
        rootfs = self.state_dir / f"rootfs-{suite}"
        # debootstrap removes its own /debootstrap folder last: without it the tree is whole.
        if not (rootfs / "usr/bin/apt-get").exists() or (rootfs / "debootstrap").exists():
            shutil.rmtree(rootfs, ignore_errors=True)
            say(f"debootstrap {suite} + {', '.join(packages) or 'nothing'} (once)")
            include = [f"--include={','.join(packages)}"] if packages else []
            subprocess.run(
                [*NICE, "debootstrap", "--variant=minbase", *include, suite, str(rootfs), mirror],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        # As in the python image: pip may install into the system interpreter.
        for marker in rootfs.glob("usr/lib/python3*/EXTERNALLY-MANAGED"):
            marker.unlink()
        for junk in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for path in (rootfs / junk).glob("*"):
                if path.is_file():
                    path.unlink()
        tarball = self.state_dir / f"rootfs-{suite}.tar"
        with tarfile.open(tarball, "w") as tar:
            tar.add(rootfs, arcname=".")
        self.podman("import", "--change", 'CMD ["/bin/bash"]', str(tarball), tag)
        tarball.unlink()
        shutil.rmtree(rootfs)
        return tag

    def sid_image(self) -> str:
        """Debian sid, minbase: the base of the nginx stand-in (see SID_IMAGE)."""
        return self.debian_image("sid", (), SID_IMAGE)

    def build(
        self, tag: str, dockerfile: Path, context: Path, args: dict[str, str]
    ) -> tuple[float, bool]:
        """`podman build` at the lowest CPU priority: (seconds, whether any layer was reused)."""
        say(f"podman build {tag} from {dockerfile.name}")
        cmd = [*NICE, "podman", "build", "--network", "host", "--layers", "-t", tag]
        for key, value in args.items():
            cmd += ["--build-arg", f"{key}={value}"]
        started = time.monotonic()
        log = self.state_dir / f"build-{dockerfile.name}.log"
        with log.open("w") as out:
            done = subprocess.run(
                [*cmd, "-f", str(dockerfile), str(context)],
                env=self.env, stdout=out, stderr=subprocess.STDOUT, check=False,
            )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"build of {tag} failed; see {log}")
        reused = log.read_text(errors="replace").count("--> Using cache")
        return round(time.monotonic() - started, 1), reused > 0


def _installed(package: str) -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    )
    return "install ok installed" in done.stdout
