import { describe, expect, it } from 'vitest';
import { openFilesRequest, saveFileRequest } from '../../../src/shared/ipc/channels';
import { parseUnknown } from '../../../src/shared/parse';
import { CONTENT_SECURITY_POLICY } from '../../../src/shared/security';

describe('IPC payload schemas', () => {
  it('name the offending field', () => {
    expect(
      parseUnknown(openFilesRequest, { maxBytes: -1 }, 'ipc.payload.invalid', 'open-files request'),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'ipc.payload.invalid',
        message: expect.stringMatching(/^Invalid open-files request at "maxBytes": /) as string,
      },
    });
    expect(
      parseUnknown(openFilesRequest, { extra: 1 }, 'ipc.payload.invalid', 'open-files request'),
    ).toMatchObject({ ok: false });
    expect(
      parseUnknown(
        saveFileRequest,
        { suggestedName: 'a.txt', bytes: 'not bytes' },
        'ipc.payload.invalid',
        'save',
      ),
    ).toMatchObject({ ok: false });
  });

  it('the CSP starts from nothing and allows no eval or inline script', () => {
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'none'")).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });
});

describe('formatByteSize', () => {
  it('reads like a person would say it', async () => {
    const { formatByteSize } = await import('../../../src/shared/format');
    expect([1, 512, 2048, 5 * 1024 * 1024, 3 * 1024 ** 3].map(formatByteSize)).toEqual([
      '1 byte',
      '512 bytes',
      '2.0 KB',
      '5.0 MB',
      '3.0 GB',
    ]);
  });
});
