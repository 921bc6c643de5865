// Billing in the real window, on the demo practice: balances and unpaid sessions, a session's
// billing panel with the suggestion and its reason, Alex's superbill previewed, issued and
// saved through the system's save dialog (read back with pdftotext), a payment applied, and
// Jordan (no diagnosis) refused a superbill with the reason and offered a receipt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  answerFileDialog, clickWhenEnabled, openApp, recording, screenshot, setDate, shown, suite, textIn, typeInto,
} from './harness.mjs';

const ctx = suite();

const daysAgo = (n) => {
  const d = new Date(Date.now() - n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('the demo couple: billing panel, superbill through the save dialog, a payment, a refusal', () =>
  recording(() => ctx.browser, 'billing', async () => {
    const browser = (ctx.browser = await openApp());
    await clickWhenEnabled(browser, '#open-demo', 'Open demo practice');
    await shown(browser, '#demo-banner', 'the demo practice', 30_000);

    // A held session's billing panel: the code and its reason in plain words.
    await (await shown(browser, '#nav-clients', 'Clients')).click();
    await (await browser.$('//ul[@id="unit-list"]//button[. = "Rivera–Chen"]')).click();
    const steps = await shown(browser, '#arc-steps', 'the program arc');
    await (await steps.$('//button[. = "Feedback and goals"]')).click();
    await textIn(browser, '#billing-lines', '90847: conjoint session, Alex (F43.23) present, 58 minutes, in the office', 'the suggestion with its reason');
    await textIn(browser, '#billing-charge', 'Charge $250.00', 'the charge from the fee schedule');
    await (await browser.$('#billing-panel')).scrollIntoView();
    await screenshot(browser, '23-session-billing-panel');

    // Her own codes pass the same rules: 90785 beside 90847 is refused with the rule's
    // sentence, and nothing is kept.
    await clickWhenEnabled(browser, '#billing-change', 'Change the codes…');
    await typeInto(browser, '#billing-codes', '90847, 90785', 'her codes');
    await typeInto(browser, '#billing-why', 'An interpreter joined', 'why');
    await clickWhenEnabled(browser, '#billing-save', 'Use these codes');
    await textIn(browser, '#billing-error', '90785 (interactive complexity) may not be reported with 90847.', 'the rule refuses');
    await textIn(browser, '#billing-lines', '90847: conjoint session', 'the suggestion still billed');
    // A code Attune has no rules for is a warning she acknowledges once; it then stays on the
    // line and on the superbill preview.
    await typeInto(browser, '#billing-codes', '90847, 90899', 'her codes');
    await clickWhenEnabled(browser, '#billing-save', 'Use these codes');
    await textIn(browser, '#billing-acknowledge', 'Attune has no rules for 90899', 'the warning to acknowledge');
    await screenshot(browser, '23b-billing-acknowledge');
    await clickWhenEnabled(browser, '#billing-acknowledge-keep', 'I understand; keep these codes');
    await textIn(browser, '#billing-lines', '90899: chosen by the therapist (An interpreter joined)', 'her codes kept');
    await textIn(browser, '#billing-findings', 'Attune has no rules for 90899', 'the warning stays in view');

    // Settings › Fees and packages shows the demo's schedule; a change is saved.
    await (await shown(browser, '#nav-settings', 'Settings')).click();
    const fee = await shown(browser, '#fee-90847', 'the 90847 fee');
    assert.equal(await fee.getValue(), '250.00');
    assert.equal(await (await shown(browser, '#fee-kind-dosing', 'the dosing fee')).getValue(), '1000.00');
    await textIn(browser, '#packages', '3 dosing sessions: 3 × dosing for $2,850.00 ($950.00 each: psychotherapy $600.00 on superbills', 'the demo packages and their split');
    // The demo's logo is set; a file that is not an image is refused and the logo kept.
    await textIn(browser, '#logo-state', 'A logo is set', 'the logo state');
    const fake = join(ctx.home.home, 'fake-logo.png');
    writeFileSync(fake, 'this is not an image');
    await clickWhenEnabled(browser, '#logo-choose', 'Choose an image…');
    await answerFileDialog('Choose a logo', fake, 'open');
    await textIn(browser, '#logo-error', 'This file is not a PNG or JPEG image Attune can print.', 'the refusal');
    await textIn(browser, '#logo-state', 'A logo is set', 'the logo kept');

    await typeInto(browser, '#fee-90834', '185', 'the 90834 fee');
    await clickWhenEnabled(browser, '#fees-save', 'Save fees');
    await textIn(browser, '#fees-form', 'Saved.', 'the fees saved');
    await typeInto(browser, '#fee-90837', 'ten dollars', 'a fee that is not an amount');
    await clickWhenEnabled(browser, '#fees-save', 'Save fees');
    await textIn(browser, '#fees-error', '90837: “ten dollars” is not an amount of dollars', 'the refusal');

    // The Billing screen: Rivera–Chen owes the last integration.
    await (await shown(browser, '#nav-billing', 'Billing')).click();
    await textIn(browser, '#balances', 'Rivera–Chen', 'the couple in the balances');
    await textIn(browser, '#unpaid', '$250.00', 'the unpaid integration');

    // Alex's superbill: preview, then issue and save through the save dialog.
    await (await shown(browser, '#sb-person', 'client')).selectByVisibleText('Alex');
    await setDate(browser, '#sb-from', daysAgo(60), 'from');
    await setDate(browser, '#sb-to', daysAgo(0), 'to');
    await clickWhenEnabled(browser, '#sb-preview', 'Preview');
    const pane = await textIn(browser, '#sb-preview-pane', '90847', 'the preview with 90847 lines');
    assert.equal((await browser.$$('#sb-preview-pane tr.sb-line')).length, 9, 'eight suggested lines and her 90899');
    await textIn(browser, '#sb-warnings', 'Attune has no rules for 90899', 'the preview lists the warning');
    assert.match(await pane.getText(), /F43\.23/);
    assert.doesNotMatch(await pane.getText(), /Jordan/);
    await pane.scrollIntoView();
    await screenshot(browser, '24-superbill-preview');
    const pdf = join(ctx.home.home, 'alex-superbill.pdf');
    await clickWhenEnabled(browser, '#sb-issue', 'Issue and save PDF…');
    await answerFileDialog('Save the superbill', pdf, 'save', '25-superbill-save-dialog');
    await textIn(browser, '#sb-done', 'Superbill No. 1', 'the issued number', 20_000);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const needle of ['Superbill', 'No. 1', 'Alexandra Rivera', '1234567893', 'F43.23', '90847', 'Balance due']) {
      assert.ok(text.includes(needle), `${needle} in the saved PDF`);
    }
    await textIn(browser, '#sb-issued', 'No. 1', 'the issued list');

    // An impossible payment date is refused by the core with a sentence naming the field, and
    // an amount two zeros too long asks first; nothing is recorded until both are right.
    await (await shown(browser, '#pay-person', 'payer')).selectByVisibleText('Alex');
    const today = await (await shown(browser, '#pay-date', 'payment date')).getValue();
    await typeInto(browser, '#pay-amount', '9999999', 'amount');
    await typeInto(browser, '#pay-date', '2026-02-30', 'payment date');
    await clickWhenEnabled(browser, '#pay-submit', 'Record payment');
    await textIn(browser, '#payment-error', 'The payment date 2026-02-30 is not a day on the calendar: February 2026 has 28 days.', 'the date refused');
    await typeInto(browser, '#pay-date', today, 'payment date');
    await clickWhenEnabled(browser, '#pay-submit', 'Record payment');
    await textIn(browser, '#payment-confirm', '$9,999,999.00 is more than $50,000.00 for one payment', 'the large amount asked about');
    await screenshot(browser, '26-payment-confirm');
    await clickWhenEnabled(browser, '#pay-correct', 'Change the amount');
    // A payment for the last integration and the late-cancellation fee: applied oldest first,
    // nothing left unpaid.
    await typeInto(browser, '#pay-amount', '325', 'amount');
    await (await shown(browser, '#pay-method', 'method')).selectByAttribute('value', 'hsa_fsa');
    await clickWhenEnabled(browser, '#pay-submit', 'Record payment');
    await textIn(browser, '#payment-saved', 'Recorded $325.00 from Alex: $325.00 applied to 2 session(s)', 'the payment applied');
    await textIn(browser, '#unpaid', 'Every held session is paid.', 'nothing unpaid');

    // A package bought by another couple is listed.
    await (await shown(browser, '#buy-who', 'buyer')).selectByVisibleText('Ñúñez–Okafor');
    await (await shown(browser, '#buy-package', 'package')).selectByVisibleText('1 dosing session ($1,000.00)');
    await clickWhenEnabled(browser, '#buy-submit', 'Record the purchase');
    await textIn(browser, '#purchases', '1 dosing session for Ñúñez–Okafor', 'the purchase listed');
    await textIn(browser, '#purchases', '3 dosing sessions for Rivera–Chen', "the demo couple's package");

    // Jordan has no diagnosis: refused, with the reason, and offered a receipt.
    await (await shown(browser, '#sb-person', 'client')).selectByVisibleText('Jordan Chen');
    await clickWhenEnabled(browser, '#sb-preview', 'Preview');
    await textIn(browser, '#sb-refusal', 'a diagnosis for Jordan Chen', 'the refusal naming what is missing');
    await shown(browser, '#sb-receipt', 'the receipt offer');
  }));
