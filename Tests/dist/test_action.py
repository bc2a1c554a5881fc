"""The GitHub Action (action.yml) and the Pages workflow that `forge new` writes.

What can run here runs: both files parse and name the actions they must; the action's shell
steps run on this machine in order, with the inputs as the runner would pass them, against a
`forge new` site (actions/cache is the one step that cannot run: it is taken as a miss).
"""
import os
import re
import subprocess

import pytest
import yaml

from conftest import REPOSITORY, VERSION, run

ACTION = REPOSITORY / "action.yml"


def load(path):
    return yaml.safe_load(path.read_text())


def triggers(workflow):
    # YAML 1.1 (PyYAML) reads the key `on` as True.
    return workflow.get("on", workflow.get(True))


def test_action_is_composite_with_the_documented_inputs():
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"content", "output", "base-url", "strict", "as-of"}
    assert action["inputs"]["content"]["default"] == "Content"
    assert action["inputs"]["output"]["default"] == "Output"
    steps = action["runs"]["steps"]
    assert [s["uses"] for s in steps if "uses" in s] == ["actions/cache@v4"]
    cache = next(s for s in steps if "uses" in s)
    assert "steps.forge.outputs.key" in cache["with"]["key"]
    assert all(s.get("shell") == "bash" for s in steps if "run" in s)


def test_inputs_reach_the_scripts_only_through_the_environment():
    """`${{ inputs.x }}` pasted into a script would let a workflow input run as shell code."""
    for step in load(ACTION)["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["run"]


def new_site(forge, tmp_path, name="console"):
    run([forge, "new", name, "--action", "acme/forge@v9"], cwd=tmp_path)
    return tmp_path / name


def test_the_new_site_workflow_deploys_with_the_action_and_pages(forge, tmp_path):
    site = new_site(forge, tmp_path)
    workflow = load(site / ".github" / "workflows" / "pages.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", on["schedule"][0]["cron"]), "nightly"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in build]
    assert uses[0].startswith("actions/checkout@")
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert "acme/forge@v9" in uses
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    pages = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages@"))
    forge_step = next(s for s in build if s.get("uses") == "acme/forge@v9")
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert forge_step["with"]["base-url"] == "${{ steps.%s.outputs.base_url }}" % pages["id"]
    assert upload["with"]["path"] == forge_step["with"]["output"]
    assert uses.index("acme/forge@v9") < uses.index(upload["uses"])
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


class Runner:
    """Runs a composite action's steps as the GitHub runner does, for the parts it needs:
    `${{ }}` expressions in `env:` and `with:`, `if:` on step outputs, GITHUB_OUTPUT files."""

    def __init__(self, action, workspace, inputs, tmp_path):
        self.action = action
        self.workspace = workspace
        self.inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
        self.inputs.update(inputs)
        self.steps = {}
        self.tmp_path = tmp_path
        self.base_env = {
            "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
            "GITHUB_ACTION_PATH": str(REPOSITORY), "GITHUB_WORKSPACE": str(workspace),
            "RUNNER_TEMP": str(tmp_path / "runner-temp"), "RUNNER_TOOL_CACHE": str(tmp_path / "tool-cache"),
            "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "GITHUB_ACTIONS": "true",
        }
        os.makedirs(self.base_env["RUNNER_TEMP"], exist_ok=True)
        self.context = {
            "inputs": self.inputs,
            # As for `uses: ./` (this checkout): no ref or repository to stamp into the binary,
            # so the build step reuses what `make dist` built instead of relinking another.
            "github": {"action_path": str(REPOSITORY), "action_ref": "", "action_repository": ""},
            "runner": {"temp": self.base_env["RUNNER_TEMP"], "tool_cache": self.base_env["RUNNER_TOOL_CACHE"]},
        }

    def value(self, expression):
        node = {**self.context, "steps": self.steps}
        for part in expression.strip().split("."):
            node = node.get(part, "") if isinstance(node, dict) else ""
        return "" if node is None else str(node)

    def substitute(self, text):
        return re.sub(r"\$\{\{\s*(.+?)\s*\}\}", lambda m: self.value(m.group(1)), str(text))

    def condition(self, expression):
        match = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", expression)
        assert match, f"the test runner does not know the condition {expression!r}"
        left = self.value(match.group(1))
        return (left == match.group(3)) == (match.group(2) == "==")

    def run(self):
        """Runs every step; returns (status, combined output) of the last one that ran."""
        status, output = 0, ""
        for index, step in enumerate(self.action["runs"]["steps"]):
            step_id = step.get("id", f"step{index}")
            if "if" in step and not self.condition(step["if"]):
                continue
            if "uses" in step:
                # actions/cache: nothing here to restore from, so a miss.
                assert step["uses"].startswith("actions/cache@")
                self.steps[step_id] = {"outputs": {"cache-hit": "false"}}
                continue
            output_file = self.tmp_path / f"output-{index}"
            output_file.write_text("")
            env = dict(self.base_env, GITHUB_OUTPUT=str(output_file))
            env.update({k: self.substitute(v) for k, v in step.get("env", {}).items()})
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                    cwd=self.workspace, env=env, capture_output=True, text=True, timeout=1800)
            outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
            self.steps[step_id] = {"outputs": outputs}
            status, output = result.returncode, result.stdout + result.stderr
            if status != 0:
                return status, output
        return status, output


def test_the_action_steps_build_a_site_on_this_machine(forge, tmp_path):
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    site = new_site(forge, workspace, "repo")
    inputs = {"content": "Content", "output": "Output", "base-url": "https://acme.github.io/console",
              "strict": "true", "as-of": "2026-11-20"}
    runner = Runner(load(ACTION), site, inputs, tmp_path)
    status, output = runner.run()
    assert status == 0, output
    forge_step = runner.steps["forge"]["outputs"]
    assert forge_step["version"] == VERSION
    assert forge_step["key"].startswith(f"forge-{VERSION}-") and forge_step["key"].endswith("-Linux-X64")
    cached = tmp_path / "tool-cache" / "forge"
    assert forge_step["dir"].startswith(str(cached))
    assert (cached / forge_step["dir"].split("/")[-1] / "forge").read_bytes() == forge.read_bytes()
    assert runner.steps["build"]["outputs"]["output"] == "Output"
    built = site / "Output"
    assert (built / "index.html").exists() and (built / ".nojekyll").exists()
    assert "<loc>https://acme.github.io/console/</loc>" in (built / "sitemap.xml").read_text()
    assert "2026-11-20" in (built / "index.html").read_text()
    assert "::error" not in output and "::warning" not in output

    # A broken input: the job fails with an annotation on the line, and Output/ is untouched.
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    plans = site / "Content" / "data" / "plans.yaml"
    plans.write_text(plans.read_text().replace("monthly_limit: 300", "monthly_limit: lots"))
    runner = Runner(load(ACTION), site, inputs, tmp_path)
    status, output = runner.run()
    assert status == 1
    assert re.search(r"^::error file=Content/data/plans\.yaml,line=\d+,col=\d+::plans\[1\]\.monthly_limit: expected a number", output, re.M), output
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before
