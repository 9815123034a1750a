import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { classifyFailure, type FailureFacts, stopsTheRun } from '../../../src/pipedrive/failure.js';
import { redactSecret } from '../../../src/pipedrive/redact.js';

const facts = (overrides: Partial<FailureFacts>): FailureFacts => ({
  method: 'POST',
  path: '/api/v2/persons',
  attempts: 1,
  ...overrides,
});
const envelope = (error: string, extra: Record<string, unknown> = {}) => ({
  success: false,
  error,
  error_info: 'Please check developers.pipedrive.com',
  data: null,
  additional_data: null,
  ...extra,
});

describe('classifyFailure', () => {
  it('stops the run on 401 with a sentence that says what to do', () => {
    const { kind, error } = classifyFailure(facts({ status: 401, body: envelope('unauthorized access') }));
    expect(kind).toBe('stop');
    expect(error.code).toBe('pipedrive_unauthorized');
    expect(error.message).toMatch(/API token/);
    expect(stopsTheRun(error)).toBe(true);
  });

  it('stops the run on 402 and names billing', () => {
    const { error } = classifyFailure(facts({ method: 'GET', status: 402, body: envelope('Payment required') }));
    expect(error.code).toBe('pipedrive_payment_required');
    expect(error.message).toMatch(/billing/);
  });

  it("recognises Cloudflare's HTML 403", () => {
    const body = '<!DOCTYPE html><html><title>Attention Required! | Cloudflare</title></html>';
    const { kind, error } = classifyFailure(facts({ status: 403, body, contentType: 'text/html; charset=UTF-8' }));
    expect(kind).toBe('stop');
    expect(error.code).toBe('pipedrive_forbidden');
    expect(error.message).toMatch(/Cloudflare/);
    expect(error.details.cloudflare).toBe(true);
  });

  it('stops on a plan cap 403 and keeps its code and message', () => {
    const body = envelope("Couldn't add the deal. Open deals limit reached.", { code: 'feature_capping_deals_limit' });
    const { error } = classifyFailure(facts({ path: '/api/v2/deals', status: 403, body }));
    expect(error.message).toMatch(/Open deals limit reached/);
    expect(error.message).toMatch(/upgrade/);
    expect(error.details).toMatchObject({ status: 403, code: 'feature_capping_deals_limit' });
  });

  it.each([400, 404, 410, 422])('rejects the record on %i and keeps Pipedrive’s message', (status) => {
    const { kind, error } = classifyFailure(facts({ status, body: envelope('Name must be given.') }));
    expect(kind).toBe('rejected');
    expect(error.code).toBe('pipedrive_record_rejected');
    expect(error.details).toMatchObject({
      method: 'POST',
      path: '/api/v2/persons',
      status,
      pipedriveError: 'Name must be given.',
    });
    expect(stopsTheRun(error)).toBe(false);
  });

  it.each([
    ['a timeout', { networkCode: 'ECONNABORTED' }],
    ['a reset after sending', { networkCode: 'ECONNRESET' }],
    ['a 500', { status: 500 }],
    ['a 503', { status: 503 }],
  ])('calls a create uncertain after %s', (_name, extra) => {
    const { kind, error } = classifyFailure(facts(extra));
    expect(kind).toBe('uncertain');
    expect(error.code).toBe('pipedrive_uncertain');
  });

  it('calls a create that never left unavailable, not uncertain', () => {
    expect(classifyFailure(facts({ networkCode: 'ECONNREFUSED', attempts: 6 })).kind).toBe('unavailable');
  });

  it('calls a read or update that kept failing unavailable', () => {
    expect(classifyFailure(facts({ method: 'GET', status: 502 })).kind).toBe('unavailable');
    expect(classifyFailure(facts({ method: 'PATCH', networkCode: 'ECONNRESET' })).kind).toBe('unavailable');
  });

  it('reports a lasting 429 as rate limited with the wait Pipedrive asked for', () => {
    const { kind, error } = classifyFailure(facts({ status: 429, retryAfterMs: 40_000 }));
    expect(kind).toBe('rate_limited');
    expect(error.code).toBe('pipedrive_rate_limited');
    expect(error.details.retryAfterMs).toBe(40_000);
  });
});

describe('redactSecret', () => {
  it('masks the token in the message and in nested details', () => {
    const token = 'abc123secrettoken';
    const error = new AppError('pipedrive_record_rejected', `bad token ${token}`, {
      details: { pipedriveError: `echo ${token}`, nested: [{ value: token }] },
    });
    const clean = redactSecret(error, token);
    expect(JSON.stringify({ message: clean.message, details: clean.details })).not.toContain(token);
    expect(clean.code).toBe('pipedrive_record_rejected');
  });
});
