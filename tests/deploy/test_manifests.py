"""The deployment files, checked offline: compose against the Compose Specification schema,
every Kubernetes manifest against the Kubernetes API schema (KEDA's ScaledObject against the
fields KEDA requires), the overlay's patches against what the base holds, the image's rules."""

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml

from tests.support.platform import ROOT

DEPLOY = ROOT / "deploy"
BASE, PRODUCTION = DEPLOY / "k8s" / "base", DEPLOY / "k8s" / "overlays" / "production"
K8S_VERSION = "1.30.0"
SERVICES = ("registry", "bazaar", "training", "notifier")


def documents(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def base_documents() -> list[dict]:
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text())
    return [doc for name in kustomization["resources"] for doc in documents(BASE / name)]


def test_compose_file_follows_the_compose_specification():
    schema = json.loads((DEPLOY / "schemas" / "compose-spec.json").read_text())
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    errors = [f"{list(e.path)}: {e.message}" for e in
              jsonschema.Draft201909Validator(schema).iter_errors(compose)]
    assert errors == []
    services = compose["services"]
    for service in SERVICES:
        assert services[service]["command"] == ["web", service]
        assert services[f"{service}-worker"]["command"] == ["worker", service]
    assert services["beat"]["command"] == ["beat"]
    assert services["migrate"]["command"] == ["migrate"]
    assert "--appendonly" in services["redis"]["command"]
    assert services["redis"]["command"][-1] == "noeviction"
    assert {"nginx", "mailpit", "flower", "postgres"} <= set(services)
    init = (DEPLOY / "postgres-init.sql").read_text()
    assert all(f"CREATE DATABASE {s};" in init for s in SERVICES)


def test_nginx_routes_each_service_with_its_prefix():
    conf = (DEPLOY / "nginx.conf").read_text()
    words = " ".join(conf.split())
    assert "proxy_set_header X-Forwarded-Prefix $forwarded_prefix;" in words
    assert "resolver 127.0.0.11 valid=10s" in words
    for service in SERVICES:
        assert f"set ${service}_upstream {service}:8000;" in words
        assert (f"location /{service}/ {{ set $forwarded_prefix /{service}; "
                f"rewrite ^/{service}(/.*)$ $1 break; proxy_pass http://${service}_upstream; }}"
                ) in words


@pytest.mark.parametrize("doc", base_documents(),
                         ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_every_base_manifest_is_valid(doc):
    if doc["kind"] == "ScaledObject":
        assert doc["apiVersion"] == "keda.sh/v1alpha1"
        spec = doc["spec"]
        assert spec["scaleTargetRef"]["name"] and spec["triggers"]
        assert all(t["type"] == "redis" and t["metadata"]["listName"] for t in spec["triggers"])
        return
    kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_every_service_has_web_worker_autoscaling_and_budgets():
    docs = base_documents()
    named = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    for service in SERVICES:
        web = named[("Deployment", service)]
        probe = web["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]
        assert probe["httpGet"]["path"] == "/readyz"
        assert ("Service", service) in named and ("HorizontalPodAutoscaler", service) in named
        assert ("PodDisruptionBudget", service) in named
        assert ("Deployment", f"{service}-worker") in named
        assert ("ScaledObject", f"{service}-worker") in named
    beat = named[("Deployment", "metro-umkm-beat")]
    assert beat["spec"]["replicas"] == 1 and beat["spec"]["strategy"]["type"] == "Recreate"
    job = named[("Job", "metro-umkm-migrate")]
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
    deployments = [d for d in docs if d["kind"] == "Deployment"]
    assert all(d["spec"]["selector"]["matchLabels"].items() <=
               d["spec"]["template"]["metadata"]["labels"].items() for d in deployments)
    ingress = named[("Ingress", "metro-umkm")]
    backends = {p["backend"]["service"]["name"] for r in ingress["spec"]["rules"]
                for p in r["http"]["paths"]}
    assert backends == set(SERVICES)


def test_production_overlay_patches_what_the_base_holds():
    kustomization = yaml.safe_load((PRODUCTION / "kustomization.yaml").read_text())
    names = {(d["kind"], d["metadata"]["name"]) for d in base_documents()}
    for resource in kustomization["resources"]:
        assert (PRODUCTION / resource).exists() or (PRODUCTION / resource).is_dir()
    for patch in kustomization["patches"]:
        content = yaml.safe_load((PRODUCTION / patch["path"]).read_text())
        if isinstance(content, list):  # a JSON 6902 patch on the targets
            assert patch["target"]["kind"] == "Deployment"
            assert all(op["op"] in ("replace", "add") for op in content)
        else:  # a strategic merge patch: it must name a resource of the base
            assert (content["kind"], content["metadata"]["name"]) in names
    namespace = documents(PRODUCTION / "namespace.yaml")[0]
    kubernetes_validate.validate(namespace, K8S_VERSION, strict=True)


def test_the_rendered_production_overlay_is_valid_and_changes_what_it_says():
    """kustomize itself builds the overlay (kubectl's, offline); every rendered object is
    checked like the base ones."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl (with its built-in kustomize) is not installed")
    rendered = subprocess.run([kubectl, "kustomize", str(PRODUCTION)], capture_output=True,
                              text=True, check=True, timeout=60).stdout
    docs = [d for d in yaml.safe_load_all(rendered) if d]
    base = {(d["kind"], d["metadata"]["name"]) for d in base_documents()}
    assert base <= {(d["kind"], d["metadata"]["name"]) for d in docs}
    for doc in docs:
        assert doc["kind"] == "Namespace" or doc["metadata"].get("namespace") == "metro-umkm"
        test_every_base_manifest_is_valid(doc)
    named = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    before = {(d["kind"], d["metadata"]["name"]): d for d in base_documents()}
    overlay = yaml.safe_load((PRODUCTION / "kustomization.yaml").read_text())
    [image] = overlay["images"]
    for service in SERVICES:  # the production patch landed on every web deployment
        web = named[("Deployment", service)]["spec"]
        assert web["replicas"] > before[("Deployment", service)]["spec"]["replicas"], service
    for deployment in (d for d in docs if d["kind"] == "Deployment"):
        used = deployment["spec"]["template"]["spec"]["containers"][0]["image"]
        assert used == f"{image['newName']}:{image['newTag']}", used


def test_the_image_is_multi_stage_non_root_and_checks_its_health():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert len(stages) == 2 and " AS build" in stages[0]
    final = dockerfile.rsplit(stages[1], 1)[1]
    assert "USER 10001" in final and "HEALTHCHECK" in final
    assert "build-essential" not in final and "gcc" not in final
