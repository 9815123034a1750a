import { describe, expect, it } from 'vitest';
import { matchOperation, splitApiPath, TOKEN_COSTS, tokenCostOf } from '../../../src/pipedrive/token-costs.js';

describe('tokenCostOf', () => {
  it('answers the documented costs of the operations a migration uses', () => {
    expect(tokenCostOf('POST', '/api/v2/persons')).toBe(5);
    expect(tokenCostOf('PATCH', '/api/v2/deals/12')).toBe(5);
    expect(tokenCostOf('DELETE', '/api/v2/activities/12')).toBe(3);
    expect(tokenCostOf('GET', '/api/v2/organizations/12')).toBe(1);
    expect(tokenCostOf('GET', '/api/v2/persons?ids=1,2&limit=500')).toBe(10);
    expect(tokenCostOf('POST', '/v1/notes')).toBe(10);
    expect(tokenCostOf('DELETE', '/v1/notes/4')).toBe(6);
    expect(tokenCostOf('POST', '/v1/files')).toBe(10);
    expect(tokenCostOf('GET', '/v1/files/4/download')).toBe(20);
    expect(tokenCostOf('GET', '/v1/users/me')).toBe(2);
    expect(tokenCostOf('GET', '/v1/persons/9/changelog')).toBe(20);
    expect(tokenCostOf('POST', '/api/v2/personFields')).toBe(5);
    expect(tokenCostOf('DELETE', '/api/v2/dealFields/0123456789abcdef0123456789abcdef01234567')).toBe(3);
  });

  it('prefers literal segments over parameters', () => {
    expect(tokenCostOf('GET', '/api/v2/persons/search')).toBe(20);
    expect(tokenCostOf('GET', '/api/v2/itemSearch/field')).toBe(20);
    expect(tokenCostOf('GET', '/v1/users/find')).toBe(40);
    expect(matchOperation('GET', '/api/v2/deals/archived')?.operation.path).toBe('/deals/archived');
  });

  it('accepts /api/v1, full URLs, lower-case methods and a version with a relative path', () => {
    expect(tokenCostOf('get', '/api/v1/notes')).toBe(20);
    expect(tokenCostOf('GET', 'https://acme.pipedrive.com/api/v2/persons/3?x=1')).toBe(1);
    expect(tokenCostOf('POST', '/persons', 'v2')).toBe(5);
    expect(tokenCostOf('GET', '/notes', 'v1')).toBe(20);
  });

  it('answers undefined for paths that are no API operation', () => {
    expect(tokenCostOf('GET', '/api/v2/nothing')).toBeUndefined();
    expect(tokenCostOf('PUT', '/api/v2/persons/1')).toBeUndefined();
    expect(tokenCostOf('GET', '/persons')).toBeUndefined();
    expect(splitApiPath('/other/v1/x')).toBeUndefined();
  });

  it('extracts path parameters', () => {
    expect(matchOperation('DELETE', '/api/v2/personFields/abc')?.params).toEqual({ field_code: 'abc' });
  });

  it('holds every operation of both specs, each resolving to itself', () => {
    expect(TOKEN_COSTS.length).toBe(371);
    for (const entry of TOKEN_COSTS) {
      const concrete = entry.path.replace(/\{[^}]+\}/g, '123');
      const prefix = entry.version === 'v1' ? '/v1' : '/api/v2';
      const match = matchOperation(entry.method, `${prefix}${concrete}`);
      if (entry.path === '/oauth/token/') continue; // same route as /oauth/token once normalised
      expect(match?.operation, `${entry.method} ${entry.path}`).toBe(entry);
    }
  });
});
