// Releases of information in the real window, on the demo practice: Alex's release to a new
// collaborating therapist recorded on her column of the chart, a session report issued through
// the save dialog (read back with pdftotext: Alex named, Jordan, who has no release to her, not),
// the disclosure in Alex's accounting, then the release revoked and the next report refused
// with the sentence, before any file is asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { answerFileDialog, clickWhenEnabled, openApp, recording, screenshot, shown, suite, textIn, typeInto } from './harness.mjs';

const ctx = suite();

const yearsAhead = (n) => {
  const d = new Date();
  return `${d.getFullYear() + n}-${String(d.getMonth() + 1).padStart(2, '0')}-15`;
};

async function openChart(browser) {
  await (await shown(browser, '#nav-clients', 'Clients')).click();
  await (await shown(browser, '//ul[@id="unit-list"]//button[. = "Rivera–Chen"]', 'Rivera–Chen in the list')).click();
  await textIn(browser, '#chart-title', 'Rivera–Chen', 'the chart', 20_000);
}

async function openDyadicDosing(browser) {
  const steps = await shown(browser, '#arc-steps', 'the program arc');
  await (await steps.$('(.//button[. = "Dosing"])[2]')).click();
  await textIn(browser, '#report-title', 'Session report', 'the report panel of a held session');
}

async function chooseRecipient(browser, name) {
  const select = await shown(browser, '#report-recipient', 'the recipient');
  await select.selectByVisibleText(name);
}

test('a release recorded, a session report through the save dialog, the disclosure, then a revocation refuses the next', () =>
  recording(() => ctx.browser, 'releases', async () => {
    const browser = (ctx.browser = await openApp());
    await clickWhenEnabled(browser, '#open-demo', 'Open demo practice');
    await shown(browser, '#demo-banner', 'the demo practice', 30_000);
    await openChart(browser);
    await textIn(browser, '#releases-1', 'Expired · to Dr. Imani Adeyemi, MD (Prescriber)', "Jordan's expired release, as the demo has it");

    // Alex's release to a new recipient, typed into her column.
    await clickWhenEnabled(browser, '#release-0-open', 'Add release');
    await (await shown(browser, '#release-0-recipient', 'the recipient')).selectByVisibleText('A new recipient…');
    await typeInto(browser, '#release-0-name', 'Dr. Lena Park', 'the recipient name');
    await (await shown(browser, '#release-0-role', 'the role')).selectByVisibleText('Collaborating therapist');
    await typeInto(browser, '#release-0-state', 'AZ', 'the state');
    await typeInto(browser, '#release-0-until', yearsAhead(1), 'in force through');
    await clickWhenEnabled(browser, '#release-0-save', 'Save');
    await textIn(browser, '#releases-0', 'Current · to Dr. Lena Park (Collaborating therapist) · session reports', 'the new release, current');
    await (await browser.$('#releases-0')).scrollIntoView();
    await screenshot(browser, '70-chart-releases');

    // The report names Alex only: Jordan has no release to Dr. Park.
    await openDyadicDosing(browser);
    await chooseRecipient(browser, 'Dr. Lena Park');
    await clickWhenEnabled(browser, '#report-issue', 'Issue and save PDF…');
    const file = join(ctx.home.home, 'report-park.pdf');
    await answerFileDialog('Save the session report', file, 'save');
    await textIn(browser, '#report-done', 'Session report for Alexandra Rivera saved for Dr. Lena Park', 'the report saved');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Alexandra Rivera/, 'the covered partner is in the report');
    assert.doesNotMatch(text, /Jordan|Chen/, 'the partner without a release is nowhere in it');
    await screenshot(browser, '71-session-report-issued');

    // The disclosure is in Alex's accounting; then she revokes the release.
    await clickWhenEnabled(browser, '#back-to-chart', 'Back to the chart');
    await textIn(browser, '#chart-title', 'Rivera–Chen', 'the chart again');
    await textIn(browser, '#disclosures-0', 'Session report: Dosing session of', 'the accounting of disclosures');
    await textIn(browser, '#disclosures-0', 'to Dr. Lena Park', 'to whom');
    await clickWhenEnabled(browser, '#releases-0 button[aria-label="Revoke the release to Dr. Lena Park"]', 'Revoke');
    await clickWhenEnabled(browser, '#revoke-confirm', 'Revoke, asked once');
    await textIn(browser, '#releases-0', 'Revoked · to Dr. Lena Park', 'the release revoked and kept');

    // Jordan's own record, through the save dialog: his, and nothing of Alex's.
    await clickWhenEnabled(browser, '#record-1', 'Save their record (PDF)…');
    const record = join(ctx.home.home, 'record-jordan.pdf');
    await answerFileDialog('Save the client record', record, 'save');
    await textIn(browser, '#record-1-saved', 'Their record', 'the record saved');
    const recordText = execFileSync('pdftotext', ['-layout', record, '-'], { encoding: 'utf8' });
    assert.match(recordText, /Jordan Chen/, 'his record');
    assert.doesNotMatch(recordText, /Alex|Rivera/, 'no other partner by name');

    // The next report to Dr. Park is refused with the sentence; no dialog, no file.
    await openDyadicDosing(browser);
    await chooseRecipient(browser, 'Dr. Lena Park');
    await clickWhenEnabled(browser, '#report-issue', 'Issue and save PDF…');
    await textIn(browser, '#report-error', 'No one in this session has a current release to Dr. Lena Park covering session reports', 'the refusal');
    await textIn(browser, '#report-error', 'Alexandra Rivera revoked the release to Dr. Lena Park', 'who, and why');
    assert.ok(!existsSync(join(ctx.home.home, 'report-park-2.pdf')), 'no second file');
    await screenshot(browser, '72-session-report-refused');
  }));
