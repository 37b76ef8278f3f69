"""The recipes in deploy/: what an operator copies must work as it is.

nginx accepts its configuration, the Kubernetes manifests are valid objects
(``kubernetes-validate``) whose Ingress sends each node's kernels to that node's
Service, and the systemd units call options ``werkplaats knooppunt`` really has.
"""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest
import yaml
from diensten import NGINX, nginx_test

from toolkit import knooppunt

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
KUBERNETES_VERSIE = "1.30"


def manifests() -> list[dict]:
    docs = []
    for pad in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(pad.read_text(encoding="utf-8")) if d]
    return docs


def soort(kind: str) -> list[dict]:
    return [d for d in manifests() if d["kind"] == kind]


def test_nginx_recept_is_de_uitvoer_van_proxy_config() -> None:
    verwacht = knooppunt.nginx_config(
        80, {"n1": "127.0.0.1:8871", "n2": "127.0.0.1:8872", "n3": "127.0.0.1:8873"}
    )
    assert (DEPLOY / "nginx" / "werkplaats.conf").read_text(encoding="utf-8") == verwacht


@pytest.mark.skipif(not NGINX.exists(), reason="nginx ontbreekt (scripts/test installeert het met apt)")
def test_nginx_accepteert_het_recept(tmp_path: Path) -> None:
    getest = nginx_test(DEPLOY / "nginx" / "werkplaats.conf", tmp_path)
    assert getest.returncode == 0, getest.stderr


@pytest.mark.parametrize("doc", manifests(), ids=lambda d: f"{d['kind']}-{d['metadata']['name']}")
def test_kubernetes_manifest_is_geldig(doc: dict) -> None:
    import kubernetes_validate

    kubernetes_validate.validate(doc, KUBERNETES_VERSIE, strict=True)


def test_ingress_stuurt_de_kernels_van_elk_knooppunt_naar_zijn_eigen_service() -> None:
    (sts,) = soort("StatefulSet")
    (ingress,) = soort("Ingress")
    services = {s["metadata"]["name"]: s for s in soort("Service")}
    naam, replicas = sts["metadata"]["name"], sts["spec"]["replicas"]
    assert sts["spec"]["serviceName"] in services
    paden = [p for regel in ingress["spec"]["rules"] for p in regel["http"]["paths"]]

    def backend(url_pad: str) -> str:
        # ingress-nginx with use-regex: the longest matching path wins
        passend = [p for p in paden if re.match(p["path"], url_pad)]
        return max(passend, key=lambda p: len(p["path"]))["backend"]["service"]["name"]

    pagina_service = backend("/voila/render/deelnemer.ipynb")
    assert services[pagina_service]["spec"]["selector"] == sts["spec"]["selector"]["matchLabels"]
    for i in range(replicas):
        pod = f"{naam}-{i}"
        kid = knooppunt.nieuw_kernel_id(pod)  # the pod name is the node name (--naam $(POD_NAME))
        for soort_pad in knooppunt.KERNEL_PADEN.split("|"):
            service = backend(f"/{soort_pad}/{kid}/channels")
            assert services[service]["spec"]["selector"] == {"statefulset.kubernetes.io/pod-name": pod}
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    assert container["args"][:3] == ["knooppunt", "--naam", "$(POD_NAME)"]


def _unit(pad: Path) -> configparser.ConfigParser:
    p = configparser.ConfigParser(strict=False, interpolation=None)
    p.optionxform = str
    p.read(pad, encoding="utf-8")
    return p


def test_systemd_unit_start_een_knooppunt_met_bestaande_opties() -> None:
    unit = _unit(DEPLOY / "systemd" / "werkplaats-knooppunt@.service")
    argv = shlex.split(unit["Service"]["ExecStart"].replace("%i", "n1").replace("${WERKPLAATS_POORT}", "8871"))
    assert Path(argv[0]).name == "werkplaats" and argv[1] == "knooppunt"
    ctx = knooppunt.knooppunt.make_context("knooppunt", argv[2:])
    assert ctx.params["naam"] == "n1" and ctx.params["poort"] == 8871


def test_systemd_unit_voor_nginx_gebruikt_de_gegenereerde_configuratie() -> None:
    unit = _unit(DEPLOY / "systemd" / "werkplaats-nginx.service")
    start = shlex.split(unit["Service"]["ExecStart"])
    assert start[0] == str(NGINX) and start[start.index("-c") + 1] == "/etc/werkplaats/nginx.conf"
    assert "proxy-config" in (DEPLOY / "systemd" / "werkplaats-nginx.service").read_text(encoding="utf-8")
