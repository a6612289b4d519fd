"""The deployment workflow: valid, least privilege, pinned, and the same tests as CI."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_triggers_and_least_privilege() -> None:
    workflow = load()
    assert workflow["on"] == {"push": {"branches": ["main"]}, "pull_request": None}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in workflow["jobs"]["build"]


def test_actions_are_pinned_to_full_commit_shas() -> None:
    uses = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert len(uses) == 4
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


def test_no_secrets_are_named() -> None:
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")


def test_runs_the_same_tests_as_ci_and_publishes_only_from_main() -> None:
    workflow = load()
    build = steps(workflow["jobs"]["build"])
    assert any(step.get("run") == "bash .ci/run" for step in build)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert any(step.get("run") == "make build" for step in build)
    upload = next(step for step in build if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert upload["with"] == {"path": "site"}
    assert (
        workflow["jobs"]["deploy"]["if"]
        == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    )
    assert workflow["jobs"]["deploy"]["needs"] == "build"
