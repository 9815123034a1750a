/**
 * Encryption at rest for secrets Ferry stores (Pipedrive API tokens): AES-256-GCM under a key derived
 * from FERRY_SECRET_KEY. The stored form is `v1.<iv>.<tag>.<ciphertext>` in base64url; a wrong key or a
 * tampered value fails authentication instead of decrypting to garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../domain/errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;
// A fixed, public salt: the secret is FERRY_SECRET_KEY itself; scrypt only stretches a human-chosen string.
const SALT = 'ferry.secret-box.v1';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function createSecretBox(secretKey: string | undefined): SecretBox {
  if (secretKey === undefined || secretKey.length < 16) {
    throw new AppError(
      'config_invalid',
      'FERRY_SECRET_KEY must be set to a random string of at least 16 characters to store Pipedrive tokens.',
    );
  }
  const key = scryptSync(secretKey, SALT, 32);
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new AppError('config_invalid', 'A stored secret has an unknown format.');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new AppError('config_invalid', 'A stored secret cannot be decrypted: FERRY_SECRET_KEY has changed.', {
          cause: error,
        });
      }
    },
  };
}

/** What people may see of a token: its last four characters. */
export function maskToken(token: string): string {
  return `…${token.slice(-4)}`;
}
