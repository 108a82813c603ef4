"""Shares of hours say whose hours they are, and when the data is partial."""

from __future__ import annotations

from levelset.model.text import partial_note, share_of_time


def test_a_share_names_whose_hours_in_the_data() -> None:
    assert share_of_time(0.7, 4.06, 5.8, "Priya Shah's") == (
        "70% of the 5.8 h a week of Priya Shah's time in the data (4.1 h a week)"
    )


def test_a_few_hours_in_the_data_are_called_partial() -> None:
    assert "it is partial" in partial_note(5.8, "Priya Shah's")
    assert partial_note(38.0, "Priya Shah's") == ""
