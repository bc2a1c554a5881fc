#!/usr/bin/env python3
"""A large, real-shaped OpenAPI spec for the "3 MB real OpenAPI spec" bar of PRODUCT.md §9,
from a real one on this machine (nothing is downloaded): OpenAI's API description as it ships
in the package mirror (apple/swift-openapi-generator's streaming-chatgpt-proxy example,
OpenAPI 3.0.0, 0.9 MB, 110 operations, 400+ components), copied N times side by side, each copy
with its own paths (/vK/...), operation ids, tags and component names, and every $ref
rewritten to its copy's names. So the result has every shape of the real spec (long Markdown
descriptions, deep allOf/oneOf/anyOf, discriminators, enums, examples), N times over.
    usage: make-spec.py OUT.yaml [COPIES]     (default 4 copies: about 3.6 MB)"""
import subprocess
import sys

import yaml

MIRROR = "/opt/swift-packages/apple/swift-openapi-generator.git"
PATH = "Examples/streaming-chatgpt-proxy/Sources/ChatGPT/openapi.yaml"


def rename_refs(node, prefix):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                parts = value.split("/")
                parts[3] = prefix + parts[3]
                out[key] = "/".join(parts)
            elif key == "mapping" and isinstance(value, dict):
                out[key] = {k: ("/".join(v.split("/")[:3] + [prefix + v.split("/")[3]]) if v.startswith("#/components/") else prefix + v)
                            for k, v in value.items()}
            else:
                out[key] = rename_refs(value, prefix)
        return out
    if isinstance(node, list):
        return [rename_refs(item, prefix) for item in node]
    return node


def main():
    out = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    text = subprocess.run(["git", "-C", MIRROR, "show", "HEAD:" + PATH], check=True, capture_output=True, text=True).stdout
    spec = yaml.load(text, Loader=yaml.CSafeLoader)
    result = {"openapi": spec["openapi"], "info": dict(spec["info"], title=spec["info"]["title"] + f" (x{copies})"),
              "servers": spec["servers"], "security": spec.get("security", []), "tags": [], "paths": {}, "components": {}}
    for copy in range(1, copies + 1):
        prefix = "" if copy == 1 else f"V{copy}"
        renamed = rename_refs(spec, prefix)
        for tag in spec.get("tags", []):
            result["tags"].append(dict(tag, name=(tag["name"] if copy == 1 else f"{tag['name']} v{copy}")))
        for path, item in renamed["paths"].items():
            for method, operation in item.items():
                if isinstance(operation, dict) and copy > 1:
                    if "operationId" in operation:
                        operation["operationId"] = f"{operation['operationId']}V{copy}"
                    if "tags" in operation:
                        operation["tags"] = [f"{t} v{copy}" for t in operation["tags"]]
            result["paths"][path if copy == 1 else f"/v{copy}{path}"] = item
        for kind, entries in renamed.get("components", {}).items():
            target = result["components"].setdefault(kind, {})
            for name, value in entries.items():
                target[name if copy == 1 or kind == "securitySchemes" else prefix + name] = value
    with open(out, "w") as handle:
        yaml.dump(result, handle, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    main()
