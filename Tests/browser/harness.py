"""Shared helpers for the browser tests: building sites with the real forge binary,
serving them on loopback, and reading the browser console."""
import os
import shutil
import subprocess
import tempfile
import threading
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]


def forge_binary() -> Path:
    """The forge executable under test: $FORGE_BIN, else the debug build (built if missing)."""
    env = os.environ.get("FORGE_BIN")
    if env:
        return Path(env)
    binary = REPO / ".build" / "debug" / "forge"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "forge"], cwd=REPO, check=True)
    return binary


def build_site(output: Path, content: Path | None = None, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Runs `forge build` as a user would; returns the finished process (check returncode)."""
    command = [str(forge_binary()), "build", "--output", str(output), "--quiet"]
    if content is not None:
        command += ["--content", str(content), "--themes", str(REPO / "Themes")]
    command += list(args)
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 at a subpath, like GitHub Pages serves /REPO/."""

    def __init__(self, folder: Path, prefix: str = "/forge-site/"):
        self.root = Path(tempfile.mkdtemp(prefix="forge-serve-"))
        mount = self.root / prefix.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(folder, mount)
        handler = partial(_QuietHandler, directory=str(self.root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        shutil.rmtree(self.root, ignore_errors=True)


def make_driver(width: int = 1280, height: int = 900, dark: bool = False, javascript: bool = True) -> webdriver.Chrome:
    """A fresh headless Chromium (own profile, so its own empty localStorage); with
    `javascript=False` the page's scripts do not run (WebDriver's own still do)."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    profile = tempfile.mkdtemp(prefix="forge-chromium-")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", f"--user-data-dir={profile}",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver._forge_profile = profile
    # Chromium will not make a window narrower than ~500 px; emulate the viewport instead, so a
    # 360 px test really lays out at 360 px.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    if dark:
        set_color_scheme(driver, "dark")
    return driver


def set_color_scheme(driver, scheme: str):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def quit_driver(driver):
    profile = getattr(driver, "_forge_profile", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)


def console_problems(driver) -> list:
    """Console entries a user would call errors: SEVERE logs and any CSP report."""
    problems = []
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        if entry.get("level") == "SEVERE" or "Content Security Policy" in message or "Refused to" in message:
            problems.append(entry)
    return problems


def open_page(driver, url: str):
    """Opens a page and waits until it has loaded."""
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


class Links(HTMLParser):
    """Every href/src of a page as (tag, attribute, value), and every id."""

    def __init__(self):
        super().__init__()
        self.references = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.references.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)


def parse_links(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
