import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPORT,
  allFormatsChosen,
  claimText,
  diffLines,
  exportRequest,
  filesToWrite,
  groupPreview,
  kindLabel,
  kindNoun,
  messageWithoutPath,
  plural,
  problemPlace,
  progressFraction,
  progressLabel,
  splitPaths,
  tallies,
  toggleAllFormats,
  toggleFormat,
  warningText,
} from './manifests';

describe('export choices', () => {
  it('switches formats and keeps the dialog order', () => {
    expect(toggleFormat(['odcs'], 'odps')).toEqual(['odps', 'odcs']);
    expect(toggleFormat(['odps', 'odcs'], 'odps')).toEqual(['odcs']);
    expect(toggleFormat(['datahub'], 'backstage')).toEqual(['backstage', 'datahub']);
  });
  it('"All" ticks every format, and clears them when all were ticked', () => {
    const all = toggleAllFormats(['odps']);
    expect(all).toEqual(['odps', 'odcs', 'dpds', 'backstage', 'datahub']);
    expect(allFormatsChosen(all)).toBe(true);
    expect(toggleAllFormats(all)).toEqual([]);
  });
  it('builds the request with the folder trimmed', () => {
    expect(exportRequest({ ...DEFAULT_EXPORT, folder: '  /tmp/out \n', byDomain: true })).toEqual({
      folder: '/tmp/out',
      formats: ['odps', 'odcs'],
      odpsVersion: '1.1.0',
      odcsVersion: '3.1.0',
      byDomain: true,
      git: null,
    });
  });
  it('asks for commits only with one folder per domain, a blank branch left to the core', () => {
    const git = { ...DEFAULT_EXPORT, folder: '/r', git: true, branch: '  ', push: true };
    expect(exportRequest({ ...git, byDomain: true }).git).toEqual({ branch: null, push: true });
    expect(exportRequest({ ...git, byDomain: true, branch: ' review/x ' }).git).toEqual({ branch: 'review/x', push: true });
    expect(exportRequest({ ...git, byDomain: false }).git).toBeNull();
  });
});

describe('export preview', () => {
  const files = [
    { path: 'a/new.yaml', change: 'added' as const },
    { path: 'b/old.yaml', change: 'removed' as const },
    { path: 'c/edit.yaml', change: 'changed' as const },
    { path: 'd/same.yaml', change: 'unchanged' as const },
    { path: 'e/same.yaml', change: 'unchanged' as const },
  ];
  it('groups paths by change and counts what writing touches', () => {
    const groups = groupPreview(files);
    expect(groups.added).toEqual(['a/new.yaml']);
    expect(groups.unchanged).toEqual(['d/same.yaml', 'e/same.yaml']);
    expect(groups.conflict).toEqual([]);
    expect(filesToWrite(groups, false)).toBe(2);
    expect(filesToWrite(groups, true)).toBe(3);
  });
  it('splits a unified diff into typed lines, text kept as is', () => {
    const diff = '--- a/x.yaml\n+++ b/x.yaml\n@@ -1,2 +1,2 @@\n name: x\n-version: 1.0.0\n+version: <b>2</b>\n';
    expect(diffLines(diff).map((l) => l.kind)).toEqual(['meta', 'meta', 'hunk', 'context', 'del', 'add']);
    expect(diffLines(diff)[5]?.text).toBe('+version: <b>2</b>');
    expect(diffLines('')).toEqual([]);
  });
});

describe('import report', () => {
  it('names a problem as path:line:column', () => {
    const p = { path: '/m/a.yaml', line: 3, column: 7, field: null, reason: 'bad' };
    expect(problemPlace(p)).toBe('/m/a.yaml:3:7');
    expect(problemPlace({ ...p, column: null })).toBe('/m/a.yaml:3');
    expect(problemPlace({ ...p, line: null, column: null })).toBe('/m/a.yaml');
  });
  it('says what each format claims, with the file name only', () => {
    expect(claimText({ path: '/r/orders/orders.odps.yaml', format: 'ODPS', value: '"active"' })).toBe(
      'ODPS says "active" (orders.odps.yaml)',
    );
  });
  it('names kinds in the plural for counts and in the singular for one entity', () => {
    expect(kindLabel('product')).toBe('Data products');
    expect(kindNoun('product')).toBe('Data product');
    expect(kindNoun('person')).toBe('Person');
  });
  it('writes a warning as path:line:column: field: reason', () => {
    const w = {
      path: '/m/orders.odps.yaml',
      line: 10,
      column: 5,
      field: 'inputPorts[0].contractId',
      reason: 'shop-orders-contract is in no file',
    };
    expect(warningText(w)).toBe('/m/orders.odps.yaml:10:5: inputPorts[0].contractId: shop-orders-contract is in no file');
    expect(warningText({ ...w, field: null, line: null, column: null })).toBe('/m/orders.odps.yaml: shop-orders-contract is in no file');
  });
  it("labels the core's counts: every total, a file only what it does", () => {
    const totals = { created: 3, updated: 0, unchanged: 1, unresolved: 1, unattached: 2, skipped: 4 };
    expect(tallies(totals, true).map((t) => [t.key, t.label, t.count])).toEqual([
      ['created', 'created', 3],
      ['updated', 'updated', 0],
      ['unchanged', 'unchanged', 1],
      ['unresolved', 'kept unresolved', 1],
      ['unattached', 'kept unattached', 2],
    ]);
    const file = { path: '/m/c.odcs.yaml', created: 1, updated: 0, unchanged: 0, unresolved: 0, unattached: 1, skipped: null };
    expect(tallies(file, false).map((t) => t.key)).toEqual(['created', 'unattached']);
  });
  it('reads one path a line', () => {
    expect(splitPaths(' /a/b \n\n/c/d.yaml\r\n  ')).toEqual(['/a/b', '/c/d.yaml']);
  });
});

describe('progress and wording', () => {
  it('is a fraction when the total is known', () => {
    expect(progressFraction(null)).toBeNull();
    expect(progressFraction({ task: 'export', phase: 'planning', done: 0, total: 0 })).toBeNull();
    expect(progressFraction({ task: 'export', phase: 'writing', done: 25, total: 100 })).toBe(0.25);
    expect(progressLabel({ task: 'import', phase: 'reading', done: 2, total: 9 })).toBe('Reading files: 2 of 9');
  });
  it('says counts in words and drops a repeated path', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(12000, 'file')).toBe('12,000 files');
    expect(messageWithoutPath('x/y.yaml: exists', 'x/y.yaml')).toBe('exists');
    expect(messageWithoutPath('cannot write', 'x/y.yaml')).toBe('cannot write');
  });
});
