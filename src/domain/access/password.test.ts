import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, checkNewPassword } from './password.ts';

const good = 'korrekt häst batteri';

describe('checkNewPassword', () => {
  it('accepts a password of at least 12 characters typed twice the same', () => {
    expect(checkNewPassword({ password: good, repeat: good, current: 'något annat' })).toEqual([]);
  });

  it('names an empty password as missing and nothing else', () => {
    expect(checkNewPassword({ password: '', repeat: 'x' })).toEqual(['missing']);
  });

  it('refuses fewer than 12 characters, counting å, ä and ö as one each', () => {
    expect(checkNewPassword({ password: 'ååååååååååå', repeat: 'ååååååååååå' })).toEqual([
      'too-short',
    ]);
    expect(checkNewPassword({ password: 'åååååååååååå', repeat: 'åååååååååååå' })).toEqual([]);
  });

  it('refuses more than the maximum length', () => {
    const long = 'a'.repeat(PASSWORD_MAX_LENGTH + 1);
    expect(checkNewPassword({ password: long, repeat: long })).toEqual(['too-long']);
  });

  it('refuses the password in use now', () => {
    expect(checkNewPassword({ password: good, repeat: good, current: good })).toEqual([
      'same-as-current',
    ]);
  });

  it('refuses two entries that differ', () => {
    expect(checkNewPassword({ password: good, repeat: `${good}!` })).toEqual(['mismatch']);
  });

  it('names every problem at once', () => {
    expect(checkNewPassword({ password: 'kort', repeat: 'annan', current: 'kort' })).toEqual([
      'too-short',
      'same-as-current',
      'mismatch',
    ]);
  });
});
