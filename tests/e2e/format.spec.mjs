// The readouts' number format (www/js/format.js), checked in node against written-out strings.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { WWW_DIR } from './harness.mjs';

const { fmt } = await import(path.join(WWW_DIR, 'js/format.js'));

describe('fmt', () => {
  it('writes every minus sign as U+2212, the exponent\'s too', () => {
    assert.equal(fmt(-2.94e-5, 3), '−2.94e−5');
    assert.equal(fmt(2.94e-5, 3), '2.94e−5');
    assert.equal(fmt(-0.5), '−0.5');
    assert.equal(fmt(-Infinity), '−∞');
  });
  it('keeps about the asked significant digits and switches to exponent form outside [1e-3, 1e6)', () => {
    assert.equal(fmt(0.41997434161402614), '0.41997');
    assert.equal(fmt(1234567), '1.2346e+6');
    assert.equal(fmt(0.001), '0.001');
    assert.equal(fmt(0), '0');
    assert.equal(fmt(Number.NaN), 'NaN');
    assert.equal(fmt(null), '—');
  });
});
