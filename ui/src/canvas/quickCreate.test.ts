import { describe, expect, it } from 'vitest';
import { modelFromMesh } from '../state/model';
import { smallMesh } from '../test/fixtures';
import type { SelectedRef } from '../state/selection';
import { quickCreateDomain, type KeyContext, type KeyPress } from './quickCreate';

const model = modelFromMesh(smallMesh());
const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const onCanvas: KeyContext = { view: 'canvas', typing: false, modal: false };
const product = (id: string): SelectedRef => ({ kind: 'product', id });
const domain = (id: string): SelectedRef => ({ kind: 'domain', id });

describe('quickCreateDomain', () => {
  it("puts the new product in the selected product's domain", () => {
    expect(quickCreateDomain(model, [product('a')], key('n'), onCanvas)).toBe('d1');
    expect(quickCreateDomain(model, [product('c')], key('N'), onCanvas)).toBe('d2');
  });

  it('puts it in the selected domain', () => {
    expect(quickCreateDomain(model, [domain('d2')], key('n'), onCanvas)).toBe('d2');
  });

  it('is only the N key, without Ctrl, Cmd or Alt', () => {
    expect(quickCreateDomain(model, [product('a')], key('m'), onCanvas)).toBeNull();
    expect(quickCreateDomain(model, [product('a')], key('Enter'), onCanvas)).toBeNull();
    expect(quickCreateDomain(model, [product('a')], key('n', { ctrlKey: true }), onCanvas)).toBeNull();
    expect(quickCreateDomain(model, [product('a')], key('n', { metaKey: true }), onCanvas)).toBeNull();
    expect(quickCreateDomain(model, [product('a')], key('n', { altKey: true }), onCanvas)).toBeNull();
  });

  it('leaves the key to a text field, a dialog and the other views', () => {
    expect(quickCreateDomain(model, [product('a')], key('n'), { ...onCanvas, typing: true })).toBeNull();
    expect(quickCreateDomain(model, [product('a')], key('n'), { ...onCanvas, modal: true })).toBeNull();
    expect(quickCreateDomain(model, [product('a')], key('n'), { ...onCanvas, view: 'table' })).toBeNull();
    expect(quickCreateDomain(model, [product('a')], key('n'), { ...onCanvas, view: 'ownership' })).toBeNull();
  });

  it('needs exactly one selected product or domain', () => {
    expect(quickCreateDomain(model, [], key('n'), onCanvas)).toBeNull();
    expect(quickCreateDomain(model, [product('a'), product('b')], key('n'), onCanvas)).toBeNull();
    expect(quickCreateDomain(model, [{ kind: 'team', id: 't1' }], key('n'), onCanvas)).toBeNull();
    expect(quickCreateDomain(model, [{ kind: 'outputPort', id: 'a-out1' }], key('n'), onCanvas)).toBeNull();
    // A selection left over from an entity that is gone.
    expect(quickCreateDomain(model, [product('gone')], key('n'), onCanvas)).toBeNull();
  });
});
