"""docs/CLI.md is generated from the typer app and must not drift from it (make test runs this)."""

from __future__ import annotations

import pytest

from flows import cli_reference


def test_the_committed_reference_matches_the_app():
    assert cli_reference.DOC.read_text(encoding="utf-8") == cli_reference.render(), (
        "docs/CLI.md is out of date: run python -m flows.cli_reference"
    )


def test_every_command_and_option_is_in_the_reference():
    import typer.main

    from flows.cli import app

    text = cli_reference.render()
    for name, command in typer.main.get_command(app).commands.items():
        assert f"## `cyberstats {name}`" in text
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert f"`{opt}" in text, (name, opt)


def test_a_json_command_without_a_described_shape_fails_the_generation(monkeypatch):
    described = dict(cli_reference.JSON_OUTPUT)
    del described["compare"]
    monkeypatch.setattr(cli_reference, "JSON_OUTPUT", described)
    with pytest.raises(KeyError, match="compare"):
        cli_reference.render()


def test_check_fails_on_a_stale_file_and_passes_once_rewritten(tmp_path, monkeypatch, capsys):
    doc = tmp_path / "docs" / "CLI.md"
    monkeypatch.setattr(cli_reference, "DOC", doc)
    assert cli_reference.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert cli_reference.main([]) == 0
    assert cli_reference.main(["--check"]) == 0
    doc.write_text(doc.read_text(encoding="utf-8").replace("--ref-date", "--date"), encoding="utf-8")
    assert cli_reference.main(["--check"]) == 1
