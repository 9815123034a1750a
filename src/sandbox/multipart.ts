/**
 * multipart/form-data parsing for uploads. Node's server side has no multipart parser; undici's
 * `Request.formData()` parses a buffered body, which is enough for the sandbox's size limits.
 */
import { badRequest } from './errors.js';

export interface UploadedFile {
  name: string;
  type: string;
  data: Buffer;
}

export interface MultipartForm {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
}

export async function parseMultipart(body: Buffer, contentType: string): Promise<MultipartForm> {
  let form: FormData;
  try {
    form = await new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw badRequest('Request body is not valid multipart/form-data');
  }
  const fields = new Map<string, string>();
  const files = new Map<string, UploadedFile>();
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields.set(key, value);
    else files.set(key, { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { fields, files };
}
