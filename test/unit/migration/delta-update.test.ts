import { describe, expect, it } from 'vitest';
import { beforeImageOf } from '../../../src/migration/delta-update.js';

const KEY = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);

describe('beforeImageOf', () => {
  it("takes Pipedrive's current value of each patched field, custom fields one by one, null when unset", () => {
    const patch = { emails: [{ value: 'jan@y.be' }], org_id: 7, custom_fields: { [KEY]: 'new', [OTHER]: 'new' } };
    const remote = {
      id: 1,
      name: 'Jan Peeters',
      emails: [{ value: 'jan@x.be', primary: true, label: 'home' }],
      custom_fields: { [KEY]: 'old' },
    };
    expect(beforeImageOf(patch, remote)).toEqual({
      emails: [{ value: 'jan@x.be', primary: true, label: 'home' }],
      org_id: null,
      custom_fields: { [KEY]: 'old', [OTHER]: null },
    });
  });
});
