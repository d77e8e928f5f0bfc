"""What a learner does in the browser, as reusable steps: open a notebook, run it, check it rendered."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# A kernel start, a first import of pandas and matplotlib, and 2 busy cores: be generous, never flaky.
SLOW = 90_000


def open_in_lab(page: Page, lab, path: str) -> None:
    """Open a notebook in a fresh Lab layout (?reset drops any saved workspace) and wait for an idle kernel."""
    page.goto(f"{lab.url}/lab/tree/{path}?reset&token={lab.token}")
    expect(page.locator(".jp-NotebookPanel").first).to_be_visible(timeout=SLOW)
    # "Run All" sent before the kernel is connected is silently dropped: wait for the kernel to say Idle.
    expect(page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').first).to_be_visible(timeout=SLOW)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=SLOW)


# Prompts of visible code cells (a cell whose code is hidden shows an empty prompt).
_PROMPTS = "[...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim())" \
           ".filter(t => t.length > 0)"


def run_all_cells(page: Page, attempts: int = 3) -> None:
    """Run > Run All Cells, then wait until every code cell has a number in its prompt.

    If the kernel was not quite ready the command is dropped; it is sent again (at most ``attempts`` times).
    """
    for attempt in range(attempts):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function(f"() => {_PROMPTS}.some(t => t !== '[ ]:')", timeout=15_000)
            break
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
    all_numbered = f"() => {{ const p = {_PROMPTS}; return p.length > 0 && p.every(t => /\\[\\d+\\]/.test(t)); }}"
    page.wait_for_function(all_numbered, timeout=SLOW)


def open_in_voila(page: Page, voila, notebook: str) -> None:
    page.goto(f"{voila.url}/voila/render/{notebook}")


def expect_no_errors(page: Page) -> None:
    """No widget failed to render and no cell wrote an error or a warning."""
    expect(page.get_by_text("Error displaying widget")).to_have_count(0)
    expect(page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')).to_have_count(0)
    expect(page.locator(".jupyter-widgets.jp-ErrorWidget, .widget-error")).to_have_count(0)
