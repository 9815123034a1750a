/**
 * Document rows and their files. RelatiefPad is Windows style (`rx\1001\`); the file lives at
 * <outDir>/documents/rx/1001/<Bestandsnaam>. GrootteBytes is the real size, SHA256 the real hash of the
 * bytes (both also for a file injected as missing, so the row looks normal). Too-large files are sparse
 * and carry no SHA256.
 */

import { createHash } from 'node:crypto';
import type { DefectCode } from '../defects.js';
import { civilFromDays, formatDay } from './calendar.js';
import { type AppliedDefect, emptyRow, keyIndex } from './defect-log.js';
import { impossibleDate } from './text-damage.js';
import type { GenContext, PatientFacts } from './types.js';

const D = keyIndex('documents', [
  'document_id',
  'patient_id',
  'date',
  'type',
  'file_name',
  'relative_path',
  'mime',
  'size_bytes',
  'sha256',
  'source',
  'description',
] as const);

type DocKind = 'intraoral' | 'opg' | 'cbct' | 'photo' | 'letter' | 'consent' | 'quote' | 'scan';

interface DocSpec {
  kind: DocKind;
  weight: number;
  dir: string;
  ext: string;
  mime: string;
  source: string;
  nl: string;
  fr: string;
}

const SPECS: readonly DocSpec[] = [
  {
    kind: 'intraoral',
    weight: 30,
    dir: 'rx',
    ext: 'dcm',
    mime: 'application/dicom',
    source: 'Sensor',
    nl: 'Bitewing',
    fr: 'Bitewing',
  },
  {
    kind: 'opg',
    weight: 15,
    dir: 'rx',
    ext: 'jpg',
    mime: 'image/jpeg',
    source: 'Panoramisch toestel',
    nl: 'Pano',
    fr: 'Panoramique',
  },
  {
    kind: 'cbct',
    weight: 2,
    dir: 'rx',
    ext: 'dcm',
    mime: 'application/dicom',
    source: 'CBCT',
    nl: 'CBCT-opname',
    fr: 'Examen CBCT',
  },
  {
    kind: 'photo',
    weight: 15,
    dir: 'foto',
    ext: 'jpg',
    mime: 'image/jpeg',
    source: 'Intraorale camera',
    nl: 'Intraorale foto',
    fr: 'Photo intrabuccale',
  },
  {
    kind: 'letter',
    weight: 10,
    dir: 'docs',
    ext: 'pdf',
    mime: 'application/pdf',
    source: 'DentAdmin',
    nl: 'Verwijsbrief',
    fr: 'Lettre de renvoi',
  },
  {
    kind: 'consent',
    weight: 10,
    dir: 'docs',
    ext: 'pdf',
    mime: 'application/pdf',
    source: 'Scanner',
    nl: 'Toestemming',
    fr: 'Consentement',
  },
  {
    kind: 'quote',
    weight: 8,
    dir: 'docs',
    ext: 'pdf',
    mime: 'application/pdf',
    source: 'DentAdmin',
    nl: 'Bestek',
    fr: 'Devis',
  },
  {
    kind: 'scan',
    weight: 10,
    dir: 'docs',
    ext: 'png',
    mime: 'image/png',
    source: 'Scanner',
    nl: 'Gescand document',
    fr: 'Document scanné',
  },
];
const SPEC_WEIGHTS = SPECS.map((s) => s.weight);

/** The first folder of every RelatiefPad (`rx`, `foto`, `docs`): created once before any document. */
export const DOCUMENT_FOLDERS: readonly string[] = [...new Set(SPECS.map((s) => s.dir))];
const DOC_COUNT_WEIGHTS = [78, 17, 4, 1];

const MAGIC: Record<string, Buffer> = {
  'application/dicom': Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1')]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  'application/pdf': Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/** Deterministic bytes: the type's magic number, then xorshift noise seeded by the document number. */
export function documentBytes(seedWord: number, docNumber: number, mime: string, size: number): Buffer {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = (seedWord ^ Math.imul(docNumber, 0x9e3779b1)) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  const bytes = Buffer.from(words.buffer, 0, size);
  (MAGIC[mime] ?? Buffer.alloc(0)).copy(bytes, 0);
  return bytes;
}

const compact = (day: number): string => {
  const c = civilFromDays(day);
  return `${c.y}${c.m < 10 ? '0' : ''}${c.m}${c.d < 10 ? '0' : ''}${c.d}`;
};

export function emitDocuments(ctx: GenContext, facts: PatientFacts): void {
  const { rng } = ctx;
  const count = rng.count(DOC_COUNT_WEIGHTS);
  for (let n = 0; n < count; n++) {
    const spec = SPECS[rng.weighted(SPEC_WEIGHTS)] ?? SPECS[0];
    if (!spec) return;
    const docNumber = ctx.ids.document++;
    const id = `D${docNumber}`;
    const day = rng.range(facts.firstDay, facts.lastDay);
    const name = `${facts.id}_${compact(day)}_${spec.kind}_${docNumber}.${spec.ext}`;
    const size = rng.range(1024, 6144);
    const bytes = documentBytes(ctx.documentSeed, docNumber, spec.mime, size);
    const row = emptyRow('documents');
    row[D.document_id] = id;
    row[D.patient_id] = String(facts.id);
    row[D.date] = formatDay(day);
    row[D.type] = ctx.labels.documentTypes[spec.kind];
    row[D.file_name] = name;
    row[D.relative_path] = `${spec.dir}\\${facts.id}\\`;
    row[D.mime] = spec.mime;
    row[D.size_bytes] = String(size);
    row[D.sha256] = createHash('sha256').update(bytes).digest('hex');
    row[D.source] = spec.source;
    row[D.description] = ctx.lang === 'fr' ? spec.fr : spec.nl;

    const dir = `${spec.dir}/${facts.id}`;
    const kinds = ctx.defects.draw('documents');
    const applied = kinds.length > 0 ? damageDocument(ctx, row, kinds, day) : [];
    const code = applied[0]?.code;
    if (code === 'document_too_large' && ctx.writeLargeFiles) {
      ctx.docs.writeSparse(dir, name, MAGIC[spec.mime] ?? Buffer.alloc(0), Number(row[D.size_bytes]));
    } else if (code !== 'document_missing') {
      ctx.docs.write(dir, name, bytes);
    }
    const line = ctx.sinks.documents.writeRow(row);
    if (applied.length > 0) ctx.defects.log('documents', id, line, applied);
  }
}

function damageDocument(ctx: GenContext, row: string[], kinds: readonly DefectCode[], day: number): AppliedDefect[] {
  const r = ctx.drng;
  for (const kind of kinds) {
    switch (kind) {
      case 'document_missing':
        return [{ code: kind, key: 'file_name' }];
      case 'document_too_large': {
        const limit = ctx.documentSizeLimitBytes;
        row[D.size_bytes] = String(limit + Math.floor(limit * (0.1 + r.float() * 1.3)));
        row[D.sha256] = '';
        // Big files are only written for small exports; otherwise the row declares the size and the file is
        // absent, so it is both missing and (by its declared size) too large.
        if (ctx.writeLargeFiles) return [{ code: kind, key: 'size_bytes' }];
        return [
          { code: 'document_missing', key: 'file_name' },
          { code: kind, key: 'size_bytes' },
        ];
      }
      case 'date_invalid':
        row[D.date] = impossibleDate(day, r);
        return [{ code: kind, key: 'date' }];
      case 'orphan_reference':
        row[D.patient_id] = String(r.range(1, 999));
        return [{ code: kind, key: 'patient_id' }];
      default:
        break;
    }
  }
  return [];
}
