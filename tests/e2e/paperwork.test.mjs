// The paperwork of care in the real window, on the demo practice: the dashboard lists the
// treatment plan's review; the chart shows the signed plan against the latest measures; she
// revises it and signs version 2; then drafts a Good Faith Estimate and issues it through the
// save dialog (read back with pdftotext: the notices the No Surprises Act requires).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { answerFileDialog, clickWhenEnabled, openApp, recording, screenshot, shown, suite, textIn, typeInto } from './harness.mjs';

const ctx = suite();

test('the treatment plan reviewed and revised, and a Good Faith Estimate issued', () =>
  recording(() => ctx.browser, 'paperwork', async () => {
    const browser = (ctx.browser = await openApp());
    await clickWhenEnabled(browser, '#open-demo', 'Open demo practice');
    await shown(browser, '#demo-banner', 'the demo practice', 30_000);
    await textIn(browser, '#attention-plan_review_due', 'Rivera–Chen: the treatment plan (version 1) is due for review', 'the review on the dashboard');

    await (await shown(browser, '#nav-clients', 'Clients')).click();
    await (await shown(browser, '//ul[@id="unit-list"]//button[. = "Rivera–Chen"]', 'Rivera–Chen in the list')).click();
    await textIn(browser, '#chart-title', 'Rivera–Chen', 'the chart', 20_000);
    await textIn(browser, '#plan-review', 'Review due in 10 days', 'the review date, ten days away');
    await textIn(browser, '#plan-progress', 'Met: CSI-16 above 51.5', 'both partners above the cut-off by their latest scores');
    await textIn(browser, '#plan-progress', 'Not yet: GAD-7 below 5', 'an objective not met yet');
    await (await browser.$('#plan-title')).scrollIntoView();
    await screenshot(browser, '73-treatment-plan');

    // The revision: a new version, written and signed; version 1 stays as it was.
    await clickWhenEnabled(browser, '#plan-revise', 'Revise as version 2');
    const problems = await shown(browser, '#plan-problems', 'the draft');
    await problems.click();
    await browser.keys(['End']);
    await problems.addValue('\nJordan sleeps badly since the second dosing.');
    await clickWhenEnabled(browser, '#plan-sign', 'Sign and lock');
    await textIn(browser, '#plan-note', 'Version 2 is signed and locked.', 'signed');
    await textIn(browser, '#plan-current', 'Version 2', 'the chart shows the revision');
    await textIn(browser, '#plan-review', 'Review on', 'the next review is months away');

    // The estimate: drafted from what is left of the arc, issued through the save dialog.
    await typeInto(browser, '#estimate-dosings', '3', 'three dosings');
    await clickWhenEnabled(browser, '#estimate-draft', 'Draft an estimate');
    await textIn(browser, '#estimate-lines', 'Ketamine and its administration (IM)', 'the package part, a line of its own');
    await (await browser.$('#estimates-title')).scrollIntoView();
    await screenshot(browser, '74-good-faith-estimate-draft');
    await clickWhenEnabled(browser, '#estimate-issue', 'Issue and save PDF…');
    const file = join(ctx.home.home, 'estimate.pdf');
    await answerFileDialog('Save the Good Faith Estimate', file, 'save');
    await textIn(browser, '#estimate-done', 'Good Faith Estimate No. 2', 'issued after the demo’s No. 1');
    await textIn(browser, '#estimates', 'No. 2', 'listed with the first');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
    assert.match(text, /Good Faith Estimate/, 'the title');
    assert.match(text, /at least \$400 more than your Good Faith Estimate/, 'the dispute right');
    assert.match(text, /not a contract/, 'not a contract');
    assert.match(text, /Alexandra Rivera/, 'whom it is for');
  }));
