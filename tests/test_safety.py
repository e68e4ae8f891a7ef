"""The classroom settings: the config file keeps each promise; the page names any setting that fell away."""

import tomllib

from helpers import ROOT

from logreg_viz.safety import safety_problems


def test_the_config_files_settings_keep_every_promise_the_page_checks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    in_file = {f"{section}.{key}": value for section, keys in config.items() for key, value in keys.items()}
    assert safety_problems(in_file.__getitem__) == []


def test_streamlits_own_defaults_break_every_promise_and_each_is_named():
    """What a typo in the config file leaves in force (Streamlit's defaults, as its docs give them)."""
    defaults = {
        "server.address": None,
        "browser.gatherUsageStats": True,
        "client.showErrorDetails": "full",
        "server.maxUploadSize": 200,
        "server.enableXsrfProtection": True,
    }
    problems = safety_problems(defaults.__getitem__)
    assert [p.split(" ")[0] for p in problems] == [
        "server.address",
        "browser.gatherUsageStats",
        "client.showErrorDetails",
        "server.maxUploadSize",
    ]
    assert "cannot be read" in safety_problems({}.__getitem__)[0]
