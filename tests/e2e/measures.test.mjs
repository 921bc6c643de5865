// The dashboard and measures in the real window, on the demo practice: the morning's page, a
// relationship's CSI-16 with both partners' lines, a partner's plots, a PHQ-9 entered item by
// item (refused while an item is missing) whose item 9 raises the alert on the chart and on
// the dashboard, and the dashboard's item opening where it is dealt with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickWhenEnabled, openApp, recording, screenshot, shown, suite, textIn } from './harness.mjs';

const ctx = suite();

test('the dashboard, a partner’s plots, and a PHQ-9 item 9 alert', () =>
  recording(() => ctx.browser, 'measures', async () => {
    const browser = (ctx.browser = await openApp());
    await clickWhenEnabled(browser, '#open-demo', 'Open demo practice');
    await shown(browser, '#demo-banner', 'the demo practice', 30_000);

    // The dashboard first: this week's sessions and what needs attention, no self-harm alert.
    await shown(browser, '#dashboard', 'the dashboard');
    await shown(browser, '#attention-title', 'the attention list');
    await textIn(browser, '#attention-unpaid', 'Rivera–Chen: 1 session held with no payment recorded', 'the unpaid integration');
    await textIn(browser, '#attention-backup', 'never been backed up', 'the backup reminder');
    assert.equal((await browser.$$('#attention-self_harm')).length, 0, 'no self-harm alert yet');
    await screenshot(browser, '26-dashboard');

    // Rivera–Chen's chart: both partners' CSI-16 on one plot, with the dosings marked.
    await (await shown(browser, '#nav-clients', 'Clients')).click();
    await (await browser.$('//ul[@id="unit-list"]//button[. = "Rivera–Chen"]')).click();
    const plot = await shown(browser, '#plot-unit-csi16', 'the CSI-16 plot');
    assert.ok(await (await plot.$('canvas')).isExisting(), 'the plot is drawn');
    const legend = await plot.getText();
    assert.match(legend, /Alex/);
    assert.match(legend, /Jordan/);
    assert.match(legend, /Notable dissatisfaction \(below 51\.5\)/);
    await plot.scrollIntoView();
    await screenshot(browser, '27-unit-csi16-plot');

    // Jordan's own plots.
    await clickWhenEnabled(browser, '#open-measures-1', 'Jordan’s measures');
    await textIn(browser, '#measures-title', 'Jordan Chen: measures', 'Jordan’s measures');
    await shown(browser, '#plot-phq9', 'the PHQ-9 plot');
    await shown(browser, '#plot-gad7', 'the GAD-7 plot');
    await textIn(browser, '#measure-entries', 'PHQ-9', 'the entries');
    await screenshot(browser, '28-partner-plots');

    // A PHQ-9, item by item; saving with item 9 unanswered is refused, naming it.
    await clickWhenEnabled(browser, '#add-measure', 'Add a measure');
    await shown(browser, '#measure-form', 'the form');
    for (let n = 1; n <= 8; n++) await (await shown(browser, `#item-${n}-1`, `item ${n}: Several days`)).click();
    await clickWhenEnabled(browser, '#save-measure', 'Save PHQ-9');
    await textIn(browser, '#measure-error', 'Item 9 has no answer', 'the refusal');
    await (await shown(browser, '#item-9-2', 'item 9: More than half the days')).click();
    await clickWhenEnabled(browser, '#save-measure', 'Save PHQ-9');
    await textIn(browser, '#self-harm-alert', 'Jordan Chen answered “More than half the days” to thoughts of being better off dead or of self-harm', 'the alert on the chart');
    await screenshot(browser, '29-phq9-item9-alert');

    // The dashboard says so, first, in red; its item opens Jordan's measures.
    await (await shown(browser, '#nav-dashboard', 'Dashboard')).click();
    const alert = await textIn(browser, '#attention-self_harm', 'Jordan Chen answered “More than half the days”', 'the dashboard alert');
    const first = await browser.$('#dashboard .attention .group');
    assert.equal(await first.getAttribute('id'), 'attention-self_harm', 'safety comes first');
    await screenshot(browser, '30-dashboard-self-harm-alert');
    await (await alert.$('button.link')).click();
    await textIn(browser, '#measures-title', 'Jordan Chen: measures', 'one click to where it is dealt with');
    await shown(browser, '#self-harm-alert', 'the alert there');
  }));
