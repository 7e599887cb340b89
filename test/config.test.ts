import { describe, expect, it } from 'vitest';
import { parseSettings, SettingsError } from '../src/config.ts';

describe('settings', () => {
  it('EMBED_DTYPE: empty means the model default; q8 and fp32 are accepted; anything else is listed as a problem', () => {
    expect(parseSettings({}).embedDtype).toBeNull();
    expect(parseSettings({ EMBED_DTYPE: 'q8' }).embedDtype).toBe('q8');
    expect(parseSettings({ EMBED_DTYPE: ' FP32 ' }).embedDtype).toBe('fp32');
    expect(() => parseSettings({ EMBED_DTYPE: 'int4', LOG_LEVEL: 'loud' })).toThrow(SettingsError);
    expect(() => parseSettings({ EMBED_DTYPE: 'int4' })).toThrow(/EMBED_DTYPE must be one of q8, fp32/);
  });
});
